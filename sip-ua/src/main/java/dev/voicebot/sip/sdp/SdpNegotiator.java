package dev.voicebot.sip.sdp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

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
  private final SrtpMode srtpMode;
  private final SdesNegotiator sdes;

  /**
   * SRTP when offered ({@link SrtpMode#WHEN_OFFERED}), keys from a new {@link SecureRandom}.
   *
   * @param supportedCodecs encoding names we can encode and decode, e.g. {@code [PCMU, PCMA]}
   */
  public SdpNegotiator(List<String> supportedCodecs) {
    this(supportedCodecs, SrtpMode.WHEN_OFFERED, new SecureRandom());
  }

  /**
   * @param srtpMode whether plain RTP offers are acceptable
   * @param srtpKeys source of our SRTP master keys: a {@link SecureRandom} outside tests
   */
  public SdpNegotiator(List<String> supportedCodecs, SrtpMode srtpMode, RandomGenerator srtpKeys) {
    this.srtpMode = Objects.requireNonNull(srtpMode, "srtpMode");
    this.sdes = new SdesNegotiator(srtpKeys);
    this.supportedCodecs = List.copyOf(supportedCodecs);
    if (this.supportedCodecs.isEmpty()) {
      throw new IllegalArgumentException("at least one codec must be supported");
    }
  }

  /** Whether plain RTP is refused ({@link SrtpMode#REQUIRED}). */
  public boolean requiresSrtp() {
    return srtpMode == SrtpMode.REQUIRED;
  }

  public Negotiation negotiate(SdpOffer offer) {
    return negotiate(offer, Optional.empty());
  }

  /**
   * Negotiates a re-offer (re-INVITE or UPDATE) mid-call: the current codec stays if it is still
   * offered, so a hold or address change never switches codecs under the media path; otherwise
   * the first offered codec we support is picked, as for a new call.
   *
   * @param current the codec in use, matched by encoding and clock rate (the payload type may be
   *     renumbered by the new offer)
   */
  public Negotiation negotiate(SdpOffer offer, Optional<RtpFormat> current) {
    return negotiate(offer, current, Optional.empty());
  }

  /**
   * Negotiates a re-offer of an SRTP call: as {@link #negotiate(SdpOffer, Optional)}, and our
   * SRTP key stays the same while the suite does.
   *
   * @param currentKeys the SDES keys in use, if the call has SRTP
   */
  public Negotiation negotiate(
      SdpOffer offer, Optional<RtpFormat> current, Optional<SdesKeys> currentKeys) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(currentKeys, "currentKeys");
    List<SdpMedia> media = offer.media();
    boolean sawAudio = false;
    String srtpProblem = null;
    for (int i = 0; i < media.size(); i++) {
      SdpMedia m = media.get(i);
      if (!m.type().equals("audio")
          || m.port() == 0
          || !(m.isSecure() || m.protocol().equals("RTP/AVP"))) {
        continue;
      }
      // RTP/AVP with a=crypto is "best effort" SRTP (baresip's mediaenc=srtp, some PBXs): the
      // caller does SRTP when the answer carries a key too, so a usable line turns it on.
      Optional<SdesKeys> keys =
          m.isSecure() || !m.crypto().isEmpty()
              ? sdes.answer(m.crypto(), currentKeys)
              : Optional.empty();
      if (m.isSecure() && keys.isEmpty()) {
        // Never answer a SAVP offer with plain RTP: the caller asked for encryption.
        srtpProblem = "no supported SRTP crypto suite offered; we support "
            + String.join(", ", SdesNegotiator.SUITES.stream().sorted().toList());
        continue;
      }
      if (keys.isEmpty() && srtpMode == SrtpMode.REQUIRED) {
        srtpProblem = "SRTP required, but plain RTP/AVP offered";
        continue;
      }
      sawAudio = true;
      Optional<RtpFormat> codec =
          current
              .flatMap(c -> m.rtpFormats().stream().filter(f -> sameCodec(f, c)).findFirst())
              .or(() -> m.rtpFormats().stream().filter(this::supported).findFirst());
      if (codec.isEmpty()) {
        continue;
      }
      int rate = codec.get().clockRate();
      Optional<RtpFormat> events =
          m.rtpFormats().stream()
              .filter(f -> f.is("telephone-event") && f.clockRate() == rate)
              .findFirst();
      String address = m.connectionAddress().orElseThrow();
      // RFC 3264 section 8.4: c=0.0.0.0 is the old (RFC 2543) way to hold; the caller neither
      // sends nor receives, whatever its direction attribute says.
      MediaDirection ours = isHoldAddress(address) ? MediaDirection.INACTIVE : m.direction().mirrored();
      return new Negotiation.Agreed(
          new SdpAgreement(
              offer,
              i,
              address,
              m.port(),
              codec.get(),
              events,
              m.ptimeMs().orElse(DEFAULT_PTIME_MS),
              ours,
              keys));
    }
    return new Negotiation.Incompatible(
        sawAudio
            ? "no common codec; we support " + String.join(", ", supportedCodecs)
            : srtpProblem != null ? srtpProblem : "no RTP/AVP audio stream offered");
  }

  /** The unspecified address, IPv4 or IPv6, that marks a hold instead of a destination. */
  public static boolean isHoldAddress(String address) {
    return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
  }

  private static boolean sameCodec(RtpFormat offered, RtpFormat current) {
    return offered.is(current.encoding()) && offered.clockRate() == current.clockRate();
  }

  private boolean supported(RtpFormat f) {
    return supportedCodecs.stream().anyMatch(f::is);
  }
}
