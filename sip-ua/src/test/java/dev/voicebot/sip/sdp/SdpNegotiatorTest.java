package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpNegotiatorTest {

  private final SdpNegotiator negotiator = new SdpNegotiator(List.of("PCMU", "PCMA"));
  private final SdpAnswerWriter writer = new SdpAnswerWriter();
  private final LocalMedia local = new LocalMedia("203.0.113.5", 20000, 42, "voicebot");

  private SdpAgreement agree(String offer) throws SdpParseException {
    return switch (negotiator.negotiate(SdpOffer.parse(offer))) {
      case Negotiation.Agreed(SdpAgreement a) -> a;
      case Negotiation.Incompatible(String reason) -> throw new AssertionError(reason);
    };
  }

  private static String offer(String mediaLines) {
    return "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" + mediaLines;
  }

  @Test
  void answersSippOfferWithPcmuAndNoTelephoneEvent() throws Exception {
    SdpAgreement a = agree(SdpOfferTest.SIPP_UAC);

    assertThat(a.codec().encoding()).isEqualTo("PCMU");
    assertThat(a.telephoneEvent()).isEmpty();
    assertThat(a.remoteAddress()).isEqualTo("127.0.0.1");
    assertThat(a.remotePort()).isEqualTo(6000);
    assertThat(a.remotePtimeMs()).isEqualTo(20);
    assertThat(writer.write(a, local))
        .isEqualTo(
            "v=0\r\n"
                + "o=- 42 42 IN IP4 203.0.113.5\r\n"
                + "s=voicebot\r\n"
                + "c=IN IP4 203.0.113.5\r\n"
                + "t=0 0\r\n"
                + "m=audio 20000 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n");
  }

  @Test
  void answersBaresipWithItsFirstCodecAndEchoesItsTelephoneEvent() throws Exception {
    SdpAgreement a = agree(SdpOfferTest.BARESIP);

    assertThat(writer.write(a, local))
        .contains("m=audio 20000 RTP/AVP 0 101\r\n")
        .contains("a=rtpmap:101 telephone-event/8000\r\n")
        .contains("a=fmtp:101 0-15\r\n")
        .doesNotContain("PCMA");
  }

  @Test
  void callersOrderWinsOverOurPreference() throws Exception {
    SdpAgreement a = agree(offer("m=audio 4000 RTP/AVP 8 0\r\n"));

    assertThat(a.codec().encoding()).isEqualTo("PCMA");
    assertThat(a.codec().payloadType()).isEqualTo(8);
  }

  @Test
  void skipsCodecsWeDoNotSupport() throws Exception {
    assertThat(agree(offer("m=audio 4000 RTP/AVP 18 9 8\r\n")).codec().encoding())
        .isEqualTo("PCMA");
  }

  @Test
  void echoesTheOfferersDynamicTelephoneEventTypeAtTheCodecRate() throws Exception {
    SdpAgreement a =
        agree(
            offer(
                "m=audio 4000 RTP/AVP 0 97 96\r\n"
                    + "a=rtpmap:97 telephone-event/16000\r\n"
                    + "a=rtpmap:96 telephone-event/8000\r\n"));

    assertThat(a.telephoneEvent()).map(RtpFormat::payloadType).contains(96);
    // No fmtp offered: we state the events we handle.
    assertThat(writer.write(a, local))
        .contains("m=audio 20000 RTP/AVP 0 96\r\n")
        .contains("a=fmtp:96 0-16\r\n");
  }

  @Test
  void onlyG729IsIncompatible() throws Exception {
    Negotiation n =
        negotiator.negotiate(SdpOffer.parse(offer("m=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n")));

    assertThat(n).isInstanceOf(Negotiation.Incompatible.class);
  }

  @Test
  void videoOnlyIsIncompatible() throws Exception {
    Negotiation n = negotiator.negotiate(SdpOffer.parse(offer("m=video 4000 RTP/AVP 96\r\n")));

    assertThat(n).isInstanceOf(Negotiation.Incompatible.class);
  }

  @Test
  void mirrorsTheOfferedDirection() throws Exception {
    assertThat(agree(offer("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n")).direction())
        .isEqualTo(MediaDirection.RECVONLY);
    assertThat(agree(offer("m=audio 4000 RTP/AVP 0\r\na=inactive\r\n")).direction())
        .isEqualTo(MediaDirection.INACTIVE);
  }

  @Test
  void keepsCallersPtimeForSendingButAnswersTwenty() throws Exception {
    SdpAgreement a = agree(offer("m=audio 4000 RTP/AVP 8\r\na=ptime:30\r\n"));

    assertThat(a.remotePtimeMs()).isEqualTo(30);
    assertThat(writer.write(a, local)).contains("a=ptime:20\r\n");
  }

  @Test
  void declinesOtherStreamsInPlaceWithPortZero() throws Exception {
    SdpAgreement a =
        agree(offer("m=video 5000 RTP/AVP 96 97\r\nm=audio 4000 RTP/AVP 0\r\n"));

    String answer = writer.write(a, local);

    assertThat(answer.indexOf("m=video 0 RTP/AVP 96 97\r\n"))
        .isNotNegative()
        .isLessThan(answer.indexOf("m=audio 20000 RTP/AVP 0\r\n"));
  }

  @Test
  void writesIp6ForAnIp6PublicAddress() throws Exception {
    String answer =
        writer.write(agree(SdpOfferTest.SIPP_UAC), new LocalMedia("::1", 20000, 1, ""));

    assertThat(answer).contains("c=IN IP6 ::1\r\n").contains("s=-\r\n");
  }
}
