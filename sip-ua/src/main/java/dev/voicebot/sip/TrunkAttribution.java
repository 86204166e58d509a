package dev.voicebot.sip;

import dev.voicebot.sip.access.AllowList;
import dev.voicebot.sip.register.TrunkConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which trunk a request came from: the first trunk whose allowed sources (its CIDRs, or else its
 * registrar's and outbound proxy's addresses, as access control resolves them at start) hold the
 * packet's source address. Trunks listed first win an overlap.
 */
record TrunkAttribution(List<Entry> trunks) {

  /** One trunk and the sources its calls come from. */
  record Entry(TrunkConfig trunk, AllowList sources) {}

  TrunkAttribution {
    trunks = List.copyOf(trunks);
  }

  Optional<TrunkConfig> trunkOf(InetAddress source) {
    return trunks.stream().filter(e -> e.sources().contains(source)).map(Entry::trunk).findFirst();
  }
}
