package dev.voicebot.sip;

import dev.voicebot.sip.sdp.CodecOrder;
import java.util.List;
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
 * @param codecPreference codecs we can handle, e.g. {@code [opus, G722, PCMU, PCMA]}, in our
 *     preference order (which also orders our own offers)
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
    codecOrder = codecOrder == null ? CodecOrder.CALLER : codecOrder;
  }

  /** The caller's codec order decides (the constructor before {@code codecOrder} existed). */
  public SipConfig(
      String bindAddress,
      int port,
      Set<SipTransport> transports,
      String publicAddress,
      String userAgent,
      List<String> codecPreference) {
    this(bindAddress, port, transports, publicAddress, userAgent, codecPreference, CodecOrder.CALLER);
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
