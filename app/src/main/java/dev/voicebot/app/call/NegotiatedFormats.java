package dev.voicebot.app.call;

import dev.voicebot.rtp.MediaListener;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.sip.NegotiatedMedia;
import dev.voicebot.sip.SdpCodec;
import java.util.Locale;

/**
 * Turns what SIP negotiated into what the RTP session takes. The two modules do not know each
 * other, so the codec names and RTP clock rates are matched here: G.722 runs on an 8000 Hz RTP
 * clock although its audio is 16 kHz (RFC 3551), Opus always on 48000 (RFC 7587).
 */
final class NegotiatedFormats {

  private NegotiatedFormats() {}

  /**
   * The RTP payload format for a negotiated codec, on the payload type the SDP agreed.
   *
   * @throws IllegalArgumentException for a codec the RTP side cannot bridge, or a known codec at
   *     a clock rate that is not its own (sip-ua does not agree to those)
   */
  static PayloadFormat payloadFormat(SdpCodec codec) {
    PayloadFormat canonical = switch (codec.name().toUpperCase(Locale.ROOT)) {
      case "PCMU" -> PayloadFormat.PCMU;
      case "PCMA" -> PayloadFormat.PCMA;
      case "G722" -> PayloadFormat.G722;
      case "OPUS" -> PayloadFormat.OPUS;
      default -> throw new IllegalArgumentException("no RTP codec for " + codec);
    };
    if (codec.clockRate() != canonical.clockRate()) {
      throw new IllegalArgumentException(codec + ": " + canonical.encodingName() + " runs on a "
          + canonical.clockRate() + " Hz RTP clock");
    }
    return new PayloadFormat(codec.payloadType(), canonical.encodingName(), canonical.clockRate());
  }

  /**
   * Starts the session with the negotiated codec, telephone-event and comfort noise types, and
   * with SRTP when the caller's offer was RTP/SAVP (sip-ua answered with our key in a=crypto).
   */
  static void start(RtpSession rtp, NegotiatedMedia media, MediaListener listener) {
    rtp.start(media.remoteRtp(), payloadFormat(media.codec()), media.telephoneEventPayloadType(),
        media.comfortNoisePayloadType(), listener, media.srtp().map(SrtpKeysFromSdp::convert));
  }

  /** Whether a re-negotiation changed the payload formats the RTP session works with. */
  static boolean formatsChanged(NegotiatedMedia before, NegotiatedMedia after) {
    return !after.codec().equals(before.codec())
        || after.telephoneEventPayloadType() != before.telephoneEventPayloadType()
        || after.comfortNoisePayloadType() != before.comfortNoisePayloadType();
  }

  /** Moves a running session to the re-negotiated codec and payload types (at its next tick). */
  static void switchTo(RtpSession rtp, NegotiatedMedia media) {
    rtp.switchCodec(payloadFormat(media.codec()), media.telephoneEventPayloadType(),
        media.comfortNoisePayloadType());
  }
}
