package dev.voicebot.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.rtp.codec.OpusCodec;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.sip.SdpCodec;
import dev.voicebot.sip.sdp.LocalMedia;
import dev.voicebot.sip.sdp.Negotiation;
import dev.voicebot.sip.sdp.SdpAnswerWriter;
import dev.voicebot.sip.sdp.SdpNegotiator;
import dev.voicebot.sip.sdp.SdpOffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiatedFormatsTest {

  @Test
  void eachNegotiatedCodecRunsOnItsOwnRtpClockAndTheAgreedPayloadType() {
    assertThat(NegotiatedFormats.payloadFormat(new SdpCodec(9, "G722", 8000))).isEqualTo(PayloadFormat.G722);
    assertThat(NegotiatedFormats.payloadFormat(new SdpCodec(96, "OPUS", 48000)))
        .isEqualTo(new PayloadFormat(96, "opus", 48000));
    assertThat(NegotiatedFormats.payloadFormat(new SdpCodec(8, "pcma", 8000))).isEqualTo(PayloadFormat.PCMA);
  }

  @Test
  void aCodecAtAForeignClockRateOrUnknownToRtpIsRefused() {
    assertThatThrownBy(() -> NegotiatedFormats.payloadFormat(new SdpCodec(97, "G722", 16000)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NegotiatedFormats.payloadFormat(new SdpCodec(18, "G729", 8000)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** sip-ua keeps its own copy of the Opus fmtp (it must not depend on rtp-bridge): same text. */
  @Test
  void theOpusFmtpWeAnswerIsWhatTheDecoderIsConfiguredFor() throws Exception {
    String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n";
    var agreed = (Negotiation.Agreed) new SdpNegotiator(List.of("opus")).negotiate(SdpOffer.parse(offer));

    String answer = new SdpAnswerWriter().write(agreed.agreement(), new LocalMedia("127.0.0.1", 20000, 1, "t"));

    assertThat(answer).contains("a=rtpmap:96 " + OpusCodec.RTPMAP_ENCODING + "\r\n")
        .contains("a=fmtp:96 " + OpusCodec.FMTP + "\r\n");
  }
}
