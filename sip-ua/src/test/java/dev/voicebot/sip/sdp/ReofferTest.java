package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3264 rules for re-offers mid-call: direction, hold address, codec kept or switched. */
class ReofferTest {

  private final SdpNegotiator negotiator = new SdpNegotiator(List.of("PCMU", "PCMA"));
  private static final RtpFormat PCMU = new RtpFormat(0, "PCMU", 8000, Optional.empty());

  private Negotiation reoffer(String media, String connection) throws SdpParseException {
    String sdp =
        "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 " + connection + "\r\nt=0 0\r\n" + media;
    return negotiator.negotiate(SdpOffer.parse(sdp), Optional.of(PCMU));
  }

  private SdpAgreement agreed(String media, String connection) throws SdpParseException {
    return switch (reoffer(media, connection)) {
      case Negotiation.Agreed(SdpAgreement a) -> a;
      case Negotiation.Incompatible(String why) -> throw new AssertionError(why);
    };
  }

  @Test
  void holdWithSendonlyIsAnsweredRecvonly() throws Exception {
    SdpAgreement a = agreed("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n", "10.0.0.1");

    assertThat(a.direction()).isEqualTo(MediaDirection.RECVONLY);
    assertThat(a.callerDirection()).isEqualTo(MediaDirection.SENDONLY);
    assertThat(a.callerDirection().receives()).isFalse();
  }

  @Test
  void holdWithInactiveIsAnsweredInactive() throws Exception {
    SdpAgreement a = agreed("m=audio 4000 RTP/AVP 0\r\na=inactive\r\n", "10.0.0.1");

    assertThat(a.direction()).isEqualTo(MediaDirection.INACTIVE);
    assertThat(a.callerDirection()).isEqualTo(MediaDirection.INACTIVE);
  }

  @Test
  void holdWithTheZeroAddressIsAnsweredInactiveWhateverItsAttributeSays() throws Exception {
    SdpAgreement a = agreed("m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n", "0.0.0.0");

    assertThat(a.direction()).isEqualTo(MediaDirection.INACTIVE);
    assertThat(a.callerDirection()).isEqualTo(MediaDirection.INACTIVE);
  }

  @Test
  void unholdIsAnsweredSendrecv() throws Exception {
    SdpAgreement a = agreed("m=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n", "10.0.0.1");

    assertThat(a.direction()).isEqualTo(MediaDirection.SENDRECV);
    assertThat(a.callerDirection().sends()).isTrue();
    assertThat(a.callerDirection().receives()).isTrue();
  }

  @Test
  void currentCodecStaysWhileStillOfferedEvenIfNotFirst() throws Exception {
    SdpAgreement a = agreed("m=audio 4000 RTP/AVP 8 0\r\n", "10.0.0.1");

    assertThat(a.codec().encoding()).isEqualTo("PCMU");
  }

  @Test
  void currentCodecIsMatchedByNameAndRateWhenRenumbered() throws Exception {
    SdpAgreement a =
        agreed("m=audio 4000 RTP/AVP 8 96\r\na=rtpmap:96 PCMU/8000\r\n", "10.0.0.1");

    assertThat(a.codec().payloadType()).isEqualTo(96);
    assertThat(a.codec().encoding()).isEqualTo("PCMU");
  }

  @Test
  void anotherSupportedCodecIsPickedWhenTheCurrentOneIsGone() throws Exception {
    SdpAgreement a = agreed("m=audio 4002 RTP/AVP 8\r\n", "10.0.0.2");

    assertThat(a.codec().encoding()).isEqualTo("PCMA");
    assertThat(a.remoteAddress()).isEqualTo("10.0.0.2");
    assertThat(a.remotePort()).isEqualTo(4002);
  }

  @Test
  void nothingInCommonIsIncompatible() throws Exception {
    assertThat(reoffer("m=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n", "10.0.0.1"))
        .isInstanceOf(Negotiation.Incompatible.class);
  }

  @Test
  void answeringWithSendrecvOurselvesKeepsTheRest() throws Exception {
    SdpAgreement held = agreed("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n", "10.0.0.1");

    SdpAgreement ours = held.withDirection(MediaDirection.SENDRECV);

    assertThat(ours.direction()).isEqualTo(MediaDirection.SENDRECV);
    assertThat(ours.codec()).isEqualTo(held.codec());
    assertThat(ours.remotePort()).isEqualTo(held.remotePort());
  }
}
