package dev.voicebot.sip.sdp;

import java.util.List;

/** Writes the answer text for an agreement; CRLF line ends as RFC 4566 requires. */
public final class SdpAnswerWriter {

  /** We pace our RTP at 20 ms whatever the caller asked; saying so lets it size its buffers. */
  private static final int OUR_PTIME_MS = 20;

  /** When the offer gives no events, we answer with DTMF 0-9 * # A-D and flash. */
  private static final String DEFAULT_EVENTS = "0-16";

  public String write(SdpAgreement agreement, LocalMedia local) {
    String addressType = local.address().indexOf(':') >= 0 ? "IP6" : "IP4";
    StringBuilder sdp = new StringBuilder(256);
    line(sdp, "v=0");
    line(
        sdp,
        "o=- " + local.sessionId() + " " + local.sessionVersion() + " IN " + addressType + " "
            + local.address());
    line(sdp, "s=" + local.sessionName());
    line(sdp, "c=IN " + addressType + " " + local.address());
    line(sdp, "t=0 0");
    List<SdpMedia> offered = agreement.offer().media();
    for (int i = 0; i < offered.size(); i++) {
      if (i == agreement.mediaIndex()) {
        writeAudio(sdp, agreement, local);
      } else {
        // RFC 3264 section 6: a declined stream stays in place with port 0.
        SdpMedia m = offered.get(i);
        line(sdp, "m=" + m.type() + " 0 " + m.protocol() + " " + String.join(" ", m.formats()));
      }
    }
    return sdp.toString();
  }

  private static void writeAudio(StringBuilder sdp, SdpAgreement agreement, LocalMedia local) {
    RtpFormat codec = agreement.codec();
    // The offer's own profile: RTP/SAVP, or RTP/AVP also when it keys best-effort SRTP.
    String protocol = agreement.offer().media().get(agreement.mediaIndex()).protocol();
    StringBuilder m = new StringBuilder("m=audio ").append(local.rtpPort()).append(' ');
    m.append(protocol).append(' ');
    m.append(codec.payloadType());
    agreement.telephoneEvent().ifPresent(te -> m.append(' ').append(te.payloadType()));
    line(sdp, m.toString());
    line(sdp, "a=rtpmap:" + codec.payloadType() + " " + codec.encoding() + "/" + codec.clockRate());
    agreement
        .telephoneEvent()
        .ifPresent(
            te -> {
              line(sdp, "a=rtpmap:" + te.payloadType() + " " + te.encoding() + "/" + te.clockRate());
              line(sdp, "a=fmtp:" + te.payloadType() + " " + te.fmtp().orElse(DEFAULT_EVENTS));
            });
    line(sdp, "a=ptime:" + OUR_PTIME_MS);
    line(sdp, "a=" + agreement.direction().attribute());
    agreement.srtp().ifPresent(k -> line(sdp, "a=" + SdesNegotiator.answerLine(k).attribute()));
  }

  private static void line(StringBuilder sdp, String line) {
    sdp.append(line).append("\r\n");
  }
}
