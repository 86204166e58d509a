package dev.voicebot.sip;

import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Whether a request belongs to a call we hold: its dialog (Call-ID, both tags) or, without a
 * To-tag, its INVITE transaction (a CANCEL or an INVITE retransmission: same branch and From-tag).
 * Such requests are what a peer needs to finish what we admitted, so the rate limit lets them by;
 * a guessed Call-ID with a forged tag matches nothing and is limited like any other request (a BYE
 * of no dialog never gets here: JAIN-SIP answers it 481 itself).
 */
final class KnownDialogs {

  private KnownDialogs() {}

  /** The request must have passed {@link RequestSanity#canAnswer} (Call-ID and To present). */
  static boolean contains(CallRegistry registry, Request request) {
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    return registry.find(callId).filter(call -> matches(call, request)).isPresent();
  }

  private static boolean matches(InboundCallSession call, Request request) {
    if (((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
      return call.isInDialog(request);
    }
    String method = request.getMethod();
    return (method.equals(Request.CANCEL) || method.equals(Request.INVITE)) && call.isCancelFor(request);
  }
}
