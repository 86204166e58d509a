package dev.voicebot.sip.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code m=} section with the session-level defaults already applied.
 *
 * @param type media type ({@code audio}, {@code video}, ...)
 * @param port transport port; 0 means the offerer disabled the stream
 * @param protocol e.g. {@code RTP/AVP}
 * @param formats the format tokens in the offerer's order (kept verbatim to echo in rejections)
 * @param rtpFormats the formats we could resolve (rtpmap or static type), in the offerer's order
 * @param connectionAddress media-level {@code c=} if present, else the session-level one
 * @param ptimeMs {@code a=ptime}, if given
 * @param direction media-level direction, else session-level, else sendrecv
 * @param crypto the {@code a=crypto} lines (SDES keys for {@code RTP/SAVP}), in the offerer's order
 */
public record SdpMedia(
    String type,
    int port,
    String protocol,
    List<String> formats,
    List<RtpFormat> rtpFormats,
    Optional<String> connectionAddress,
    OptionalInt ptimeMs,
    MediaDirection direction,
    List<SdpCrypto> crypto) {

  public SdpMedia {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(protocol, "protocol");
    formats = List.copyOf(formats);
    rtpFormats = List.copyOf(rtpFormats);
    Objects.requireNonNull(connectionAddress, "connectionAddress");
    Objects.requireNonNull(ptimeMs, "ptimeMs");
    Objects.requireNonNull(direction, "direction");
    crypto = List.copyOf(crypto);
  }

  /** An m-line without {@code a=crypto}. */
  public SdpMedia(
      String type,
      int port,
      String protocol,
      List<String> formats,
      List<RtpFormat> rtpFormats,
      Optional<String> connectionAddress,
      OptionalInt ptimeMs,
      MediaDirection direction) {
    this(type, port, protocol, formats, rtpFormats, connectionAddress, ptimeMs, direction, List.of());
  }

  /** {@code RTP/SAVP}: RTP secured by SRTP, keyed by the {@code a=crypto} lines. */
  public boolean isSecure() {
    return protocol.equals("RTP/SAVP");
  }
}
