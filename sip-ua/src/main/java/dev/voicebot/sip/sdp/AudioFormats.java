package dev.voicebot.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * What sip-ua knows about each voice codec's SDP without depending on the RTP module: its clock
 * rate, the rtpmap text and, for Opus, the fmtp we answer and offer with.
 */
final class AudioFormats {

  /**
   * Our Opus receive and send wishes (RFC 7587 section 6): the pipeline runs at 16 kHz, so higher
   * rates would only cost bandwidth; in-band FEC lets the decoder rebuild a lost packet; we send
   * 20 ms packets. Kept equal to rtp-bridge's {@code OpusCodec.FMTP} (an app test checks it).
   */
  static final String OPUS_FMTP =
      "maxplaybackrate=16000;sprop-maxcapturerate=16000;useinbandfec=1;minptime=20";

  /** Dynamic payload type we use for Opus in our own offers (the value most peers pick too). */
  static final int OPUS_OFFER_PAYLOAD_TYPE = 111;

  private AudioFormats() {}

  /**
   * The RTP clock rate a codec must be offered with for us to decode it, or 0 when we do not
   * know the codec (then any rate the offer names is taken at its word). G.722 keeps the 8000 Hz
   * clock of RFC 3551 although it carries 16 kHz audio; Opus always says 48000 (RFC 7587).
   */
  static int requiredClockRate(String encoding) {
    return switch (encoding.toUpperCase(Locale.ROOT)) {
      case "PCMU", "PCMA", "G722", "CN" -> 8000;
      case "OPUS" -> 48000;
      default -> 0;
    };
  }

  /** The part of {@code a=rtpmap} after the payload type; Opus must say 2 channels (RFC 7587). */
  static String rtpmap(RtpFormat format) {
    String base = format.encoding() + "/" + format.clockRate();
    return format.is("opus") ? base + "/2" : base;
  }

  /** The fmtp we write for a codec in an answer or offer; empty when it takes none. */
  static Optional<String> fmtp(RtpFormat format) {
    return format.is("opus") ? Optional.of(OPUS_FMTP) : Optional.empty();
  }

  /** The format we offer for a codec name: static types, and Opus on its usual dynamic type. */
  static Optional<RtpFormat> forOffer(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "PCMU" -> RtpFormat.staticType(0);
      case "PCMA" -> RtpFormat.staticType(8);
      case "G722" -> RtpFormat.staticType(9);
      case "OPUS" ->
          Optional.of(new RtpFormat(OPUS_OFFER_PAYLOAD_TYPE, "opus", 48000, Optional.of(OPUS_FMTP)));
      default -> Optional.empty();
    };
  }
}
