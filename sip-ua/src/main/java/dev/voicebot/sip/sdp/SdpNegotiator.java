package dev.voicebot.sip.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Picks the audio stream and codec for an answer (RFC 3264).
 *
 * <p>The caller's order wins: the first offered codec we support is chosen, because gateways put
 * the codec they would otherwise transcode to last, and answering with the caller's first choice
 * avoids a transcoding hop. The answer carries exactly one voice codec so the caller cannot
 * switch codecs mid-call without a re-INVITE.
 */
public final class SdpNegotiator {

  private static final int DEFAULT_PTIME_MS = 20;

  private final List<String> supportedCodecs;

  /** @param supportedCodecs encoding names we can encode and decode, e.g. {@code [PCMU, PCMA]} */
  public SdpNegotiator(List<String> supportedCodecs) {
    this.supportedCodecs = List.copyOf(supportedCodecs);
    if (this.supportedCodecs.isEmpty()) {
      throw new IllegalArgumentException("at least one codec must be supported");
    }
  }

  public Negotiation negotiate(SdpOffer offer) {
    Objects.requireNonNull(offer, "offer");
    List<SdpMedia> media = offer.media();
    boolean sawAudio = false;
    for (int i = 0; i < media.size(); i++) {
      SdpMedia m = media.get(i);
      if (!m.type().equals("audio") || m.port() == 0 || !m.protocol().equals("RTP/AVP")) {
        continue;
      }
      sawAudio = true;
      Optional<RtpFormat> codec = m.rtpFormats().stream().filter(this::supported).findFirst();
      if (codec.isEmpty()) {
        continue;
      }
      int rate = codec.get().clockRate();
      Optional<RtpFormat> events =
          m.rtpFormats().stream()
              .filter(f -> f.is("telephone-event") && f.clockRate() == rate)
              .findFirst();
      return new Negotiation.Agreed(
          new SdpAgreement(
              offer,
              i,
              m.connectionAddress().orElseThrow(),
              m.port(),
              codec.get(),
              events,
              m.ptimeMs().orElse(DEFAULT_PTIME_MS),
              m.direction().mirrored()));
    }
    return new Negotiation.Incompatible(
        sawAudio
            ? "no common codec; we support " + String.join(", ", supportedCodecs)
            : "no RTP/AVP audio stream offered");
  }

  private boolean supported(RtpFormat f) {
    return supportedCodecs.stream().anyMatch(f::is);
  }
}
