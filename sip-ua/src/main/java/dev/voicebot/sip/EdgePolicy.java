package dev.voicebot.sip;

import dev.voicebot.sip.access.AccessControl;
import dev.voicebot.sip.access.AllowList;
import dev.voicebot.sip.access.CidrBlock;
import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.access.RateLimits;
import dev.voicebot.sip.access.SourceRatePolicy;
import dev.voicebot.sip.digest.DigestVerifier;
import dev.voicebot.sip.digest.NonceIssuer;
import dev.voicebot.sip.register.HostPort;
import dev.voicebot.sip.register.TrunkConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the access rules from configuration, once, at start (DNS here, never per request). */
final class EdgePolicy {

  private static final Logger log = LoggerFactory.getLogger(EdgePolicy.class);

  /** RFC 7616 leaves the lifetime to us; 5 minutes covers a slow client's retry. */
  static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

  private EdgePolicy() {}

  /** Each trunk with the sources its calls come from (resolved here, once). */
  static TrunkAttribution trunkAttribution(SipConfig config) {
    return new TrunkAttribution(config.trunks().stream()
        .map(t -> new TrunkAttribution.Entry(t, trunkSources(t))).toList());
  }

  /** The allowlist plus every trunk's sources: allowed to call, and trusted by the rate limit. */
  static AllowList allowedSources(SipConfig config, TrunkAttribution trunks) {
    AllowList allowed = AllowList.parse(config.access().allowedCidrs());
    for (TrunkAttribution.Entry t : trunks.trunks()) {
      allowed = allowed.plus(t.sources());
    }
    return allowed;
  }

  /** @param allowed from {@link #allowedSources} */
  static AccessControl accessControl(SipConfig config, AllowList allowed) {
    Optional<DigestVerifier> verifier = Optional.empty();
    if (config.access().challengeOthers() && !config.access().users().isEmpty()) {
      verifier = Optional.of(new DigestVerifier(config.publicAddress(), config.access().users(),
          new NonceIssuer(Clock.systemUTC(), NONCE_LIFETIME)));
    } else if (config.access().challengeOthers()) {
      log.warn("challengeOthers is set but no users are configured: others get 403");
    }
    AccessControl access = new AccessControl(allowed, config.access(), verifier);
    if (access.isOpen()) {
      log.warn("SIP access is OPEN: no allowlist, trunk or digest users configured, so anyone who "
          + "reaches {}:{} can call the bot. Fine for development; configure access before "
          + "exposing it.", config.bindAddress(), config.port());
    } else {
      log.info("SIP access: allowed {}, digest challenge for others: {}", allowed.blocks(),
          verifier.isPresent());
    }
    return access;
  }

  /** @param allowed from {@link #allowedSources}: their own limit, or none */
  static SourceRatePolicy ratePolicy(SipConfig config, AllowList allowed) {
    RateLimits limits = config.rateLimits();
    if (allowed.isEmpty()) {
      log.info("SIP rate limit for new requests per source: {} (no trunks or allowed sources); "
          + "requests of known dialogs are never limited", describe(limits.others()));
    } else {
      log.info("SIP rate limit for new requests per source: {} for trunks and allowed sources {}, "
          + "{} for others; requests of known dialogs are never limited",
          limits.trusted().map(EdgePolicy::describe).orElse("none"), allowed.blocks(),
          describe(limits.others()));
    }
    return new SourceRatePolicy(limits, allowed, System::nanoTime);
  }

  private static String describe(RateLimit l) {
    return l.perSecond() + "/s (burst " + l.burst() + ")";
  }

  /** The trunk's CIDRs, or if none are given its registrar's and proxy's addresses. */
  private static AllowList trunkSources(TrunkConfig t) {
    if (!t.allowedSources().isEmpty()) {
      return AllowList.parse(t.allowedSources());
    }
    List<CidrBlock> blocks = new ArrayList<>();
    List<HostPort> hosts = new ArrayList<>(List.of(t.registrarAddress()));
    if (!t.outboundProxy().isEmpty()) {
      hosts.add(t.nextHop());
    }
    for (HostPort h : hosts) {
      String host = h.host().replace("[", "").replace("]", "");
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          blocks.add(CidrBlock.parse(a.getHostAddress()));
        }
      } catch (UnknownHostException e) {
        log.warn("trunk {}: cannot resolve {} to allow its calls; set allowedSources", t.name(), host);
      }
    }
    log.info("trunk {}: no allowedSources given, allowing its addresses {}", t.name(), blocks);
    return new AllowList(blocks);
  }
}
