package dev.voicebot.sip;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.register.RegistrationTiming;
import dev.voicebot.sip.register.TrunkConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the user agent listens.
 *
 * @param bindAddress local IP address to bind (a literal, e.g. {@code 127.0.0.1}); not 0.0.0.0,
 *     since the address also goes into Via headers
 * @param port SIP port, shared by all transports
 * @param transports at least one
 * @param publicAddress address put in Contact and SDP {@code c=}/{@code o=} (behind NAT, the
 *     public one); {@code null} or blank means {@code bindAddress}
 * @param userAgent product name sent in Server/User-Agent headers and SDP {@code s=}
 * @param codecPreference codecs we can handle, e.g. {@code [PCMU, PCMA]}; the answer picks the
 *     first of the caller's offered codecs found here, so this order only matters as the set
 *     we accept
 * @param trunks registrars to register with (none by default)
 * @param access who may send requests besides the trunks; {@link AccessPolicy#OPEN} by default
 * @param rateLimit per-source request limit
 * @param registrationTiming response timeout, back-off and OPTIONS qualify interval for trunks
 */
public record SipConfig(
    String bindAddress,
    int port,
    Set<SipTransport> transports,
    String publicAddress,
    String userAgent,
    List<String> codecPreference,
    List<TrunkConfig> trunks,
    AccessPolicy access,
    RateLimit rateLimit,
    RegistrationTiming registrationTiming) {

  public SipConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    transports = Set.copyOf(transports);
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("at least one transport");
    }
    publicAddress = publicAddress == null || publicAddress.isBlank() ? bindAddress : publicAddress;
    userAgent = userAgent == null || userAgent.isBlank() ? "voicebot" : userAgent;
    codecPreference = List.copyOf(codecPreference);
    if (codecPreference.isEmpty()) {
      throw new IllegalArgumentException("at least one codec");
    }
    trunks = List.copyOf(trunks == null ? List.of() : trunks);
    access = access == null ? AccessPolicy.OPEN : access;
    rateLimit = rateLimit == null ? RateLimit.DEFAULT : rateLimit;
    registrationTiming = registrationTiming == null ? RegistrationTiming.DEFAULT : registrationTiming;
    for (TrunkConfig t : trunks) {
      if (!transports.contains(SipTransport.valueOf(t.transport().toUpperCase(Locale.ROOT)))) {
        throw new IllegalArgumentException(
            "trunk " + t.name() + " uses " + t.transport() + " but the user agent listens on " + transports);
      }
    }
  }

  /** Without trunks, open access, default rate limit: the constructor before trunks existed. */
  public SipConfig(
      String bindAddress,
      int port,
      Set<SipTransport> transports,
      String publicAddress,
      String userAgent,
      List<String> codecPreference) {
    this(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        List.of(), null, null, null);
  }

  public SipConfig withTrunks(List<TrunkConfig> trunks) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimit, registrationTiming);
  }

  public SipConfig withAccess(AccessPolicy access) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimit, registrationTiming);
  }

  public SipConfig withRateLimit(RateLimit rateLimit) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimit, registrationTiming);
  }

  public SipConfig withRegistrationTiming(RegistrationTiming registrationTiming) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimit, registrationTiming);
  }

  /** UDP and TCP on {@code bindAddress:port}, PCMU then PCMA, public address = bind address. */
  public static SipConfig of(String bindAddress, int port) {
    return new SipConfig(
        bindAddress,
        port,
        Set.of(SipTransport.UDP, SipTransport.TCP),
        null,
        "voicebot",
        List.of("PCMU", "PCMA"));
  }
}
