package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SdpOfferTest {

  static final String SIPP_UAC =
      """
      v=0
      o=user1 53655765 2353687637 IN IP4 127.0.0.1
      s=-
      c=IN IP4 127.0.0.1
      t=0 0
      m=audio 6000 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      """;

  static final String BARESIP =
      "v=0\r\n"
          + "o=- 1680104290 4071217154 IN IP4 127.0.0.1\r\n"
          + "s=-\r\n"
          + "c=IN IP4 127.0.0.1\r\n"
          + "t=0 0\r\n"
          + "m=audio 10166 RTP/AVP 0 8 101\r\n"
          + "b=AS:80\r\n"
          + "a=rtpmap:0 PCMU/8000\r\n"
          + "a=rtpmap:8 PCMA/8000\r\n"
          + "a=rtpmap:101 telephone-event/8000\r\n"
          + "a=fmtp:101 0-15\r\n"
          + "a=rtcp:10167\r\n"
          + "a=sendrecv\r\n"
          + "a=label:1\r\n"
          + "a=ssrc:1416398113 cname:e8b8e1a2-3c16\r\n"
          + "a=rtcp-rsize\r\n"
          + "a=ptime:20\r\n";

  @Test
  void readsSippDefaultOffer() throws Exception {
    SdpMedia audio = SdpOffer.parse(SIPP_UAC).media().getFirst();

    assertThat(audio.type()).isEqualTo("audio");
    assertThat(audio.port()).isEqualTo(6000);
    assertThat(audio.protocol()).isEqualTo("RTP/AVP");
    assertThat(audio.connectionAddress()).contains("127.0.0.1");
    assertThat(audio.rtpFormats())
        .containsExactly(new RtpFormat(0, "PCMU", 8000, Optional.empty()));
    assertThat(audio.direction()).isEqualTo(MediaDirection.SENDRECV);
    assertThat(audio.ptimeMs()).isEmpty();
  }

  @Test
  void readsBaresipOfferWithTelephoneEventFmtpAndPtime() throws Exception {
    SdpMedia audio = SdpOffer.parse(BARESIP).media().getFirst();

    assertThat(audio.rtpFormats())
        .containsExactly(
            new RtpFormat(0, "PCMU", 8000, Optional.empty()),
            new RtpFormat(8, "PCMA", 8000, Optional.empty()),
            new RtpFormat(101, "telephone-event", 8000, Optional.of("0-15")));
    assertThat(audio.ptimeMs()).isEqualTo(OptionalInt.of(20));
    assertThat(audio.port()).isEqualTo(10166);
  }

  @Test
  void resolvesStaticPayloadTypesWithoutRtpmapAndSkipsUnmappedDynamicOnes() throws Exception {
    String sdp =
        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 18 8 0 96\r\n";

    List<RtpFormat> formats = SdpOffer.parse(sdp).media().getFirst().rtpFormats();

    assertThat(formats).extracting(RtpFormat::encoding).containsExactly("G729", "PCMA", "PCMU");
  }

  @Test
  void mediaLevelConnectionOverridesSessionLevel() throws Exception {
    String sdp =
        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.7\r\n"
            + "m=audio 4002 RTP/AVP 0\r\n";

    List<SdpMedia> media = SdpOffer.parse(sdp).media();

    assertThat(media.get(0).connectionAddress()).contains("192.0.2.7");
    assertThat(media.get(1).connectionAddress()).contains("10.0.0.1");
  }

  @Test
  void mediaLevelOnlyConnectionIsEnough() throws Exception {
    String sdp =
        "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 8\r\nc=IN IP6 ::1\r\n";

    assertThat(SdpOffer.parse(sdp).media().getFirst().connectionAddress()).contains("::1");
  }

  @Test
  void sessionLevelDirectionAppliesUnlessMediaOverrides() throws Exception {
    String sdp =
        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=sendonly\r\n"
            + "m=audio 4000 RTP/AVP 0\r\n"
            + "m=audio 4002 RTP/AVP 0\r\na=inactive\r\n";

    List<SdpMedia> media = SdpOffer.parse(sdp).media();

    assertThat(media.get(0).direction()).isEqualTo(MediaDirection.SENDONLY);
    assertThat(media.get(1).direction()).isEqualTo(MediaDirection.INACTIVE);
  }

  @Test
  void rejectsTextThatIsNotSdp() {
    assertThatThrownBy(() -> SdpOffer.parse("hello world")).isInstanceOf(SdpParseException.class);
    assertThatThrownBy(() -> SdpOffer.parse("")).isInstanceOf(SdpParseException.class);
    assertThatThrownBy(() -> SdpOffer.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"))
        .isInstanceOf(SdpParseException.class);
  }

  @Test
  void rejectsAudioWithoutAnyConnectionLine() {
    assertThatThrownBy(() -> SdpOffer.parse("v=0\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"))
        .isInstanceOf(SdpParseException.class)
        .hasMessageContaining("c=");
  }
}
