package dev.voicebot.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One payload format of an {@code m=} line, with its rtpmap resolved.
 *
 * @param payloadType the RTP payload type (0-127)
 * @param encoding encoding name as written by the offerer (compare case-insensitively)
 * @param clockRate RTP clock rate in Hz
 * @param fmtp the {@code a=fmtp} parameters, if any
 */
public record RtpFormat(int payloadType, String encoding, int clockRate, Optional<String> fmtp) {

  public RtpFormat {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(fmtp, "fmtp");
  }

  public boolean is(String name) {
    return encoding.equalsIgnoreCase(name);
  }

  /** Static payload types (RFC 3551) that offers may list without an rtpmap. */
  static Optional<RtpFormat> staticType(int payloadType) {
    return switch (payloadType) {
      case 0 -> Optional.of(new RtpFormat(0, "PCMU", 8000, Optional.empty()));
      case 3 -> Optional.of(new RtpFormat(3, "GSM", 8000, Optional.empty()));
      case 4 -> Optional.of(new RtpFormat(4, "G723", 8000, Optional.empty()));
      case 8 -> Optional.of(new RtpFormat(8, "PCMA", 8000, Optional.empty()));
      case 9 -> Optional.of(new RtpFormat(9, "G722", 8000, Optional.empty()));
      case 13 -> Optional.of(new RtpFormat(13, "CN", 8000, Optional.empty()));
      case 18 -> Optional.of(new RtpFormat(18, "G729", 8000, Optional.empty()));
      default -> Optional.empty();
    };
  }
}
