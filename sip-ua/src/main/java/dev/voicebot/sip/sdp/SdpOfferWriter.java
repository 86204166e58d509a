package dev.voicebot.sip.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes our own offer, for a caller that sent none (late offer: INVITE or re-INVITE without SDP).
 * Every codec we support goes in, in our preference order, so the caller's answer can pick any of
 * them; Opus on payload type 111 with our fmtp; telephone-event on payload type 101 (the de-facto
 * default of Asterisk and FreeSWITCH).
 */
public final class SdpOfferWriter {

  static final int TELEPHONE_EVENT_PT = 101;

  private static final int OUR_PTIME_MS = 20;

  private final List<RtpFormat> formats;

  /**
   * @param codecs encoding names in preference order; names we cannot describe (an unknown
   *     dynamic codec would need an rtpmap and fmtp we cannot guess) are left out
   */
  public SdpOfferWriter(List<String> codecs) {
    List<RtpFormat> known = new ArrayList<>();
    for (String name : codecs) {
      AudioFormats.forOffer(name).ifPresent(known::add);
    }
    this.formats = List.copyOf(known);
  }

  /** False if none of our codecs can be offered: a late offer then gets 488. */
  public boolean canOffer() {
    return !formats.isEmpty();
  }

  /** The formats we offer, voice codecs first in preference order (for tests and logs). */
  public List<RtpFormat> formats() {
    return formats;
  }

  /** @throws IllegalStateException if {@link #canOffer()} is false */
  public String write(LocalMedia local, MediaDirection direction) {
    if (formats.isEmpty()) {
      throw new IllegalStateException("no codec we can offer");
    }
    String addressType = local.address().indexOf(':') >= 0 ? "IP6" : "IP4";
    StringBuilder sdp = new StringBuilder(320);
    line(sdp, "v=0");
    line(sdp, "o=- " + local.sessionId() + " " + local.sessionVersion() + " IN " + addressType
        + " " + local.address());
    line(sdp, "s=" + local.sessionName());
    line(sdp, "c=IN " + addressType + " " + local.address());
    line(sdp, "t=0 0");
    StringBuilder m = new StringBuilder("m=audio ").append(local.rtpPort()).append(" RTP/AVP");
    formats.forEach(f -> m.append(' ').append(f.payloadType()));
    m.append(' ').append(TELEPHONE_EVENT_PT);
    line(sdp, m.toString());
    for (RtpFormat f : formats) {
      line(sdp, "a=rtpmap:" + f.payloadType() + " " + AudioFormats.rtpmap(f));
      f.fmtp().ifPresent(fmtp -> line(sdp, "a=fmtp:" + f.payloadType() + " " + fmtp));
    }
    line(sdp, "a=rtpmap:" + TELEPHONE_EVENT_PT + " telephone-event/8000");
    line(sdp, "a=fmtp:" + TELEPHONE_EVENT_PT + " 0-16");
    line(sdp, "a=ptime:" + OUR_PTIME_MS);
    line(sdp, "a=" + direction.attribute());
    return sdp.toString();
  }

  private static void line(StringBuilder sdp, String line) {
    sdp.append(line).append("\r\n");
  }
}
