package dev.voicebot.sip;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.access.RateLimits;
import dev.voicebot.sip.register.RegistrationTiming;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.CodecOrder;
import dev.voicebot.sip.sdp.SrtpMode;
import dev.voicebot.sip.tls.TlsSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
 * @param codecPreference codecs we can handle, e.g. {@code [opus, G722, PCMU, PCMA]}, in our
 *     preference order (which also orders our own offers)
 * @param trunks registrars to register with (none by default)
 * @param access who may send requests besides the trunks; {@link AccessPolicy#OPEN} by default
 * @param rateLimits per-source limits on new requests: for strangers, and for trunks and
 *     allowlisted sources; {@link RateLimits#DEFAULT} by default
 * @param registrationTiming response timeout, back-off and OPTIONS qualify interval for trunks
 * @param tls certificate, trust and port of the TLS listener; present exactly when {@code
 *     transports} has {@link SipTransport#TLS}
 * @param srtp whether calls may use plain RTP or must use SRTP
 * @param codecOrder {@link CodecOrder#CALLER} (the default): the answer picks the first of the
 *     caller's offered codecs found in {@code codecPreference}, so that list only matters as the
 *     set we accept; {@link CodecOrder#LOCAL}: the first of {@code codecPreference} the caller
 *     offered
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
    RateLimits rateLimits,
    RegistrationTiming registrationTiming,
    Optional<TlsSettings> tls,
    SrtpMode srtp,
    CodecOrder codecOrder) {

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
    rateLimits = rateLimits == null ? RateLimits.DEFAULT : rateLimits;
    registrationTiming = registrationTiming == null ? RegistrationTiming.DEFAULT : registrationTiming;
    for (TrunkConfig t : trunks) {
      if (!transports.contains(SipTransport.valueOf(t.transport().toUpperCase(Locale.ROOT)))) {
        throw new IllegalArgumentException(
            "trunk " + t.name() + " uses " + t.transport() + " but the user agent listens on " + transports);
      }
      for (String codec : t.codecs()) {
        // The media side is built for the user agent's codecs: a trunk may narrow or reorder them.
        if (codecPreference.stream().noneMatch(codec::equalsIgnoreCase)) {
          throw new IllegalArgumentException("trunk " + t.name() + " lists codec " + codec
              + ", which is not among the user agent's codecs " + codecPreference);
        }
      }
    }
    Objects.requireNonNull(tls, "tls");
    if (tls.isPresent() != transports.contains(SipTransport.TLS)) {
      throw new IllegalArgumentException("TLS transport and TLS settings go together: use withTls");
    }
    if (tls.isPresent()
        && tls.get().port() == port
        && transports.contains(SipTransport.TCP)) {
      throw new IllegalArgumentException("TLS and TCP cannot share port " + port);
    }
    Objects.requireNonNull(srtp, "srtp");
    codecOrder = codecOrder == null ? CodecOrder.CALLER : codecOrder;
  }

  /** The caller's codec order decides: the constructor before {@code codecOrder} existed. */
  public SipConfig(
      String bindAddress,
      int port,
      Set<SipTransport> transports,
      String publicAddress,
      String userAgent,
      List<String> codecPreference,
      List<TrunkConfig> trunks,
      AccessPolicy access,
      RateLimit rateLimit,
      RegistrationTiming registrationTiming,
      Optional<TlsSettings> tls,
      SrtpMode srtp) {
    this(bindAddress, port, transports, publicAddress, userAgent, codecPreference, trunks, access,
        rateLimit == null ? null : RateLimits.forOthers(rateLimit), registrationTiming, tls, srtp,
        CodecOrder.CALLER);
  }

  /** Without trunks, open access, default rate limit, no TLS, with this codec order. */
  public SipConfig(
      String bindAddress,
      int port,
      Set<SipTransport> transports,
      String publicAddress,
      String userAgent,
      List<String> codecPreference,
      CodecOrder codecOrder) {
    this(bindAddress, port, transports, publicAddress, userAgent, codecPreference, List.of(), null,
        null, null, Optional.empty(), SrtpMode.WHEN_OFFERED, codecOrder);
  }

  /** Without TLS, SRTP only when offered: the constructor before TLS existed. */
  public SipConfig(
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
    this(bindAddress, port, transports, publicAddress, userAgent, codecPreference, trunks, access,
        rateLimit, registrationTiming, Optional.empty(), SrtpMode.WHEN_OFFERED);
  }

  /** Without trunks, open access, default rate limit, no TLS: the constructor before trunks existed. */
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
        trunks, access, rateLimits, registrationTiming, tls, srtp, codecOrder);
  }

  public SipConfig withAccess(AccessPolicy access) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, tls, srtp, codecOrder);
  }

  /** The same configuration with this limit for strangers (trunks and the allowlist: unchanged). */
  public SipConfig withRateLimit(RateLimit others) {
    return withRateLimits(new RateLimits(others, rateLimits.trusted()));
  }

  public SipConfig withRateLimits(RateLimits rateLimits) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, tls, srtp, codecOrder);
  }

  public SipConfig withRegistrationTiming(RegistrationTiming registrationTiming) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, tls, srtp, codecOrder);
  }

  /** The same configuration also listening on TLS with these settings. */
  public SipConfig withTls(TlsSettings settings) {
    Set<SipTransport> withTls = new HashSet<>(transports);
    withTls.add(SipTransport.TLS);
    return new SipConfig(bindAddress, port, withTls, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, Optional.of(settings), srtp, codecOrder);
  }

  /** The same configuration with another SRTP policy. */
  public SipConfig withSrtp(SrtpMode mode) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, tls, mode, codecOrder);
  }

  /** The same configuration with another codec order. */
  public SipConfig withCodecOrder(CodecOrder order) {
    return new SipConfig(bindAddress, port, transports, publicAddress, userAgent, codecPreference,
        trunks, access, rateLimits, registrationTiming, tls, srtp, order);
  }

  /** The port a transport listens on: the TLS port for TLS, {@link #port()} for the others. */
  public int portFor(SipTransport transport) {
    return transport == SipTransport.TLS ? tls.orElseThrow().port() : port;
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
