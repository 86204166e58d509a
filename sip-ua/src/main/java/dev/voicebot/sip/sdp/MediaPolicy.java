package dev.voicebot.sip.sdp;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How one kind of call chooses its media: the negotiator that answers offers and the writer of
 * our own offer (INVITE without SDP), both from one codec list and order.
 */
public record MediaPolicy(SdpNegotiator negotiator, SdpOfferWriter offerWriter) {

  /**
   * @param codecs the codecs such calls may use, in preference order
   * @param order whose order picks among the codecs both sides support
   */
  public static MediaPolicy of(
      List<String> codecs, CodecOrder order, SrtpMode srtp, RandomGenerator srtpKeys) {
    return new MediaPolicy(new SdpNegotiator(codecs, order, srtp, srtpKeys), new SdpOfferWriter(codecs));
  }
}
