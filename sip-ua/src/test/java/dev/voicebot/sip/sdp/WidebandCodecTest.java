package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** G.722, Opus and comfort noise in answers, and whose codec order wins. */
class WidebandCodecTest {

  private static final List<String> OURS = List.of("opus", "G722", "PCMU", "PCMA");

  private final SdpAnswerWriter writer = new SdpAnswerWriter();
  private final LocalMedia local = new LocalMedia("203.0.113.5", 20000, 42, "voicebot");

  /**
   * baresip 1.0's offer with g711, g722 and opus loaded ({@code 0 8 9 96 101}, in module load
   * order), reordered to put Opus first and with CN added, as a PBX would send it.
   */
  private static final String WIDEBAND_OFFER =
      offer(
          "m=audio 10166 RTP/AVP 96 9 0 8 13 101\r\n"
              + "a=rtpmap:96 opus/48000/2\r\n"
              + "a=fmtp:96 stereo=1;sprop-stereo=1\r\n"
              + "a=rtpmap:9 G722/8000\r\n"
              + "a=rtpmap:0 PCMU/8000\r\n"
              + "a=rtpmap:8 PCMA/8000\r\n"
              + "a=rtpmap:13 CN/8000\r\n"
              + "a=rtpmap:101 telephone-event/8000\r\n"
              + "a=fmtp:101 0-15\r\n");

  private static String offer(String mediaLines) {
    return "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" + mediaLines;
  }

  private static SdpAgreement agree(SdpNegotiator negotiator, String offer) throws SdpParseException {
    return switch (negotiator.negotiate(SdpOffer.parse(offer))) {
      case Negotiation.Agreed(SdpAgreement a) -> a;
      case Negotiation.Incompatible(String reason) -> throw new AssertionError(reason);
    };
  }

  @Test
  void opusIsAnsweredOnTheOfferersDynamicTypeWithOurFmtpAndTwoChannels() throws Exception {
    SdpAgreement a = agree(new SdpNegotiator(OURS), WIDEBAND_OFFER);

    assertThat(a.codec().payloadType()).isEqualTo(96);
    assertThat(a.codec().clockRate()).isEqualTo(48000);
    assertThat(writer.write(a, local))
        .contains("m=audio 20000 RTP/AVP 96\r\n")
        .contains("a=rtpmap:96 opus/48000/2\r\n")
        .contains("a=fmtp:96 " + AudioFormats.OPUS_FMTP + "\r\n")
        .doesNotContain("stereo")
        .as("telephone-event and CN at 8000 do not match the 48000 Opus clock")
        .doesNotContain("telephone-event")
        .doesNotContain("CN/");
  }

  @Test
  void g722KeepsItsEightKilohertzClockAndTakesComfortNoiseAndEventsAlong() throws Exception {
    SdpAgreement a = agree(new SdpNegotiator(List.of("G722", "PCMU")), WIDEBAND_OFFER);

    assertThat(a.codec()).isEqualTo(new RtpFormat(9, "G722", 8000, java.util.Optional.empty()));
    assertThat(a.comfortNoise()).map(RtpFormat::payloadType).contains(13);
    assertThat(writer.write(a, local))
        .contains("m=audio 20000 RTP/AVP 9 101 13\r\n")
        .contains("a=rtpmap:9 G722/8000\r\n")
        .contains("a=rtpmap:13 CN/8000\r\n")
        .doesNotContain("a=fmtp:9");
  }

  @Test
  void aStaticComfortNoiseTypeWithoutRtpmapIsStillRecognised() throws Exception {
    SdpAgreement a = agree(new SdpNegotiator(OURS), offer("m=audio 4000 RTP/AVP 0 13\r\n"));

    assertThat(a.codec().encoding()).isEqualTo("PCMU");
    assertThat(a.comfortNoise()).map(RtpFormat::encoding).contains("CN");
  }

  @Test
  void withoutComfortNoiseInTheOfferNoneIsAnswered() throws Exception {
    SdpAgreement a = agree(new SdpNegotiator(OURS), offer("m=audio 4000 RTP/AVP 9\r\n"));

    assertThat(a.comfortNoise()).isEmpty();
    assertThat(writer.write(a, local)).contains("m=audio 20000 RTP/AVP 9\r\n");
  }

  @Test
  void byDefaultTheCallersOrderPicksAmongCodecsWeBothSupport() throws Exception {
    String pcmuFirst = offer("m=audio 4000 RTP/AVP 0 9 96\r\na=rtpmap:96 opus/48000/2\r\n");

    assertThat(agree(new SdpNegotiator(OURS), pcmuFirst).codec().encoding()).isEqualTo("PCMU");
  }

  @Test
  void withLocalOrderOurPreferencePicksAmongTheOfferedCodecs() throws Exception {
    String pcmuFirst = offer("m=audio 4000 RTP/AVP 0 9 96\r\na=rtpmap:96 opus/48000/2\r\n");

    var local = new SdpNegotiator(OURS, CodecOrder.LOCAL);
    assertThat(agree(local, pcmuFirst).codec().encoding()).isEqualTo("opus");
    var g722First = new SdpNegotiator(List.of("G722", "opus", "PCMU"), CodecOrder.LOCAL);
    assertThat(agree(g722First, pcmuFirst).codec().encoding()).isEqualTo("G722");
    assertThat(agree(local, offer("m=audio 4000 RTP/AVP 8 0\r\n")).codec().encoding())
        .as("only codecs the caller offered can be picked")
        .isEqualTo("PCMU");
  }

  @Test
  void aKnownCodecAtAnotherClockRateIsNotOursToDecode() throws Exception {
    String wrongRates =
        offer(
            "m=audio 4000 RTP/AVP 97 98 8\r\n"
                + "a=rtpmap:97 G722/16000\r\n"
                + "a=rtpmap:98 opus/16000\r\n");

    assertThat(agree(new SdpNegotiator(OURS), wrongRates).codec().encoding()).isEqualTo("PCMA");
    assertThat(agree(new SdpNegotiator(OURS, CodecOrder.LOCAL), wrongRates).codec().encoding())
        .isEqualTo("PCMA");
  }

  @Test
  void ourOfferListsOpusOnItsDynamicTypeWithFmtp() {
    String sdp = new SdpOfferWriter(OURS).write(local, MediaDirection.SENDRECV);

    assertThat(sdp)
        .contains("m=audio 20000 RTP/AVP 111 9 0 8 101\r\n")
        .contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 " + AudioFormats.OPUS_FMTP + "\r\n")
        .contains("a=rtpmap:9 G722/8000\r\n");
  }
}
