package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpOfferWriterTest {

  private final LocalMedia local = new LocalMedia("203.0.113.5", 20000, 42, "voicebot");

  @Test
  void offersEveryCodecInPreferenceOrderPlusTelephoneEvent101() {
    String offer = new SdpOfferWriter(List.of("PCMA", "PCMU")).write(local, MediaDirection.SENDRECV);

    assertThat(offer)
        .isEqualTo(
            "v=0\r\n"
                + "o=- 42 42 IN IP4 203.0.113.5\r\n"
                + "s=voicebot\r\n"
                + "c=IN IP4 203.0.113.5\r\n"
                + "t=0 0\r\n"
                + "m=audio 20000 RTP/AVP 8 0 101\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n");
  }

  @Test
  void leavesOutCodecsItCannotDescribe() {
    SdpOfferWriter writer = new SdpOfferWriter(List.of("speex", "opus", "PCMU"));

    assertThat(writer.formats()).extracting(RtpFormat::encoding).containsExactly("opus", "PCMU");
    assertThat(new SdpOfferWriter(List.of("speex")).canOffer()).isFalse();
  }

  @Test
  void theCallersAnswerToOurOfferNegotiatesLikeAnOffer() throws Exception {
    SdpNegotiator negotiator = new SdpNegotiator(List.of("PCMU", "PCMA"));
    String answer =
        "v=0\r\no=- 7 7 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
            + "m=audio 7000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    Negotiation n = negotiator.negotiate(SdpOffer.parse(answer));

    assertThat(n).isInstanceOfSatisfying(Negotiation.Agreed.class, a -> {
      assertThat(a.agreement().codec().encoding()).isEqualTo("PCMA");
      assertThat(a.agreement().telephoneEvent()).isPresent();
      assertThat(a.agreement().callerDirection()).isEqualTo(MediaDirection.SENDRECV);
    });
  }
}
