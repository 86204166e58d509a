package dev.voicebot.sip;

import java.util.Optional;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Checks JAIN-SIP's parser leaves to us. It already drops what it cannot parse and answers 400 to
 * some requests missing From/To/Call-ID/CSeq/Via; what reaches the listener still may lack
 * Max-Forwards (or, for INVITE, Contact) or carry a CSeq for another method, and code further on
 * assumes none of that.
 */
final class RequestSanity {

  /** A problem and the status to answer it with; the reason phrase is the problem. */
  record Problem(int status, String reason) {}

  private RequestSanity() {}

  /** True if a response can be built at all (JAIN-SIP copies these five into it). */
  static boolean canAnswer(Request r) {
    return r.getHeader(ViaHeader.NAME) != null
        && r.getHeader(FromHeader.NAME) != null
        && r.getHeader(ToHeader.NAME) != null
        && r.getHeader(CallIdHeader.NAME) != null
        && r.getHeader(CSeqHeader.NAME) != null;
  }

  static Optional<Problem> check(Request r) {
    CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
    if (!cseq.getMethod().equals(r.getMethod())) {
      return Optional.of(new Problem(Response.BAD_REQUEST, "CSeq method does not match"));
    }
    if (!(r.getHeader(MaxForwardsHeader.NAME) instanceof MaxForwardsHeader mf)) {
      return Optional.of(new Problem(Response.BAD_REQUEST, "Missing Max-Forwards"));
    }
    if (r.getMethod().equals(Request.INVITE) && r.getHeader(ContactHeader.NAME) == null) {
      // JAIN-SIP refuses a transaction for it, so without this the caller would hear nothing.
      return Optional.of(new Problem(Response.BAD_REQUEST, "Missing Contact"));
    }
    if (mf.getMaxForwards() == 0 && !r.getMethod().equals(Request.OPTIONS)) {
      return Optional.of(new Problem(Response.TOO_MANY_HOPS, "Too Many Hops"));
    }
    return Optional.empty();
  }
}
