package dev.voicebot.sip;

import dev.voicebot.sip.sdp.SdpOffer;
import dev.voicebot.sip.sdp.SdpParseException;
import javax.sip.message.Message;

/** The SDP a request (INVITE, UPDATE, ACK) carries, read once for every kind of offer/answer. */
sealed interface SdpBody {

  /** No body: a late offer, a session refresh, or an ACK with nothing to add. */
  record None() implements SdpBody {}

  /** A readable SDP (an offer or, in an ACK, an answer). */
  record Sdp(SdpOffer sdp) implements SdpBody {}

  /** A body that is not application/sdp: 415 with Accept: application/sdp. */
  record NotSdp(String contentType) implements SdpBody {}

  /** application/sdp we cannot read: 400. */
  record Unreadable(String why) implements SdpBody {}

  static SdpBody of(Message m) {
    String text = SipHeaders.body(m);
    if (text.isBlank()) {
      return new None();
    }
    String type = SipHeaders.contentType(m);
    if (!"application/sdp".equals(type)) {
      return new NotSdp(type == null ? "(none)" : type);
    }
    try {
      return new Sdp(SdpOffer.parse(text));
    } catch (SdpParseException e) {
      return new Unreadable(e.getMessage());
    }
  }
}
