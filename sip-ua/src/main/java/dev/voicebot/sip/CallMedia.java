package dev.voicebot.sip;

import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.MediaPolicy;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The media policy of each new call: its trunk's codec list and order when the INVITE comes from
 * a trunk that sets its own, the user agent's otherwise. Chosen once per call, kept for its
 * re-offers.
 */
final class CallMedia {

  /** The policy a call gets, and the trunk it was attributed to, if any (for the log). */
  record Choice(MediaPolicy policy, Optional<TrunkConfig> trunk) {}

  private final MediaPolicy global;
  private final TrunkAttribution attribution;
  private final Map<String, MediaPolicy> byTrunk;

  private CallMedia(MediaPolicy global, TrunkAttribution attribution, Map<String, MediaPolicy> byTrunk) {
    this.global = global;
    this.attribution = attribution;
    this.byTrunk = byTrunk;
  }

  static CallMedia of(SipConfig config, TrunkAttribution attribution) {
    SecureRandom keys = new SecureRandom();
    MediaPolicy global = MediaPolicy.of(config.codecPreference(), config.codecOrder(), config.srtp(), keys);
    Map<String, MediaPolicy> byTrunk = new HashMap<>();
    for (TrunkConfig t : config.trunks()) {
      if (t.hasOwnCodecChoice()) {
        byTrunk.put(t.name(), MediaPolicy.of(
            t.codecs().isEmpty() ? config.codecPreference() : t.codecs(),
            t.codecOrder() == null ? config.codecOrder() : t.codecOrder(),
            config.srtp(), keys));
      }
    }
    return new CallMedia(global, attribution, Map.copyOf(byTrunk));
  }

  Choice forSource(InetAddress source) {
    Optional<TrunkConfig> trunk = source == null ? Optional.empty() : attribution.trunkOf(source);
    return new Choice(trunk.map(t -> byTrunk.getOrDefault(t.name(), global)).orElse(global), trunk);
  }
}
