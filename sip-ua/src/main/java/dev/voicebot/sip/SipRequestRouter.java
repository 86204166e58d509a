package dev.voicebot.sip;

import dev.voicebot.sip.sdp.MediaPolicy;
import dev.voicebot.sip.sdp.Negotiation;
import dev.voicebot.sip.sdp.SdpAgreement;
import dev.voicebot.sip.sdp.SdpNegotiator;
import dev.voicebot.sip.sdp.SdpOffer;
import dev.voicebot.sip.timer.SessionTimerDecision;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The JAIN-SIP listener: runs on stack threads, so it only parses, answers what needs no decision,
 * and hands calls to their {@link InboundCallSession}.
 */
final class SipRequestRouter implements SipListenerExt {

  private static final Logger log = LoggerFactory.getLogger(SipRequestRouter.class);

  private final CallMedia media;
  private volatile CallContext ctx;
  private volatile boolean refusingCalls;

  SipRequestRouter(CallMedia media) {
    this.media = media;
  }

  /** The context needs the running stack, which needs this listener: bound right after start. */
  void bind(CallContext ctx) {
    this.ctx = ctx;
  }

  /** From now on new INVITEs get 503 (the user agent is closing). */
  void refuseNewCalls() {
    refusingCalls = true;
  }

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    try (var _ = MDC.putCloseable("callId", callId)) {
      CallContext c = ctx;
      if (c == null) {
        return; // Started but not bound yet: the peer retransmits.
      }
      log.debug("{} received", request.getMethod());
      route(c, event, request, callId);
    } catch (RuntimeException e) {
      log.error("failed to handle {}", request.getMethod(), e);
    }
  }

  private void route(CallContext c, RequestEvent event, Request request, String callId) {
    SipMessages m = c.messages();
    Optional<InboundCallSession> call = c.registry().find(callId);
    switch (request.getMethod()) {
      case Request.INVITE -> {
        if (hasToTag(request)) {
          inDialog(c, event, call).ifPresent(s -> withTx(m, event, tx -> s.onReInvite(tx, request)));
        } else {
          invite(c, event, request, callId);
        }
      }
      case Request.ACK ->
          // Never answered; an ACK for a call we already ended (e.g. after 487) is just absorbed.
          call.filter(s -> s.isInDialog(request)).ifPresent(s -> s.onAck(request));
      case Request.BYE ->
          inDialog(c, event, call).ifPresent(s -> withTx(m, event, tx -> s.onBye(tx, request)));
      case Request.INFO ->
          inDialog(c, event, call).ifPresent(s -> withTx(m, event, tx -> s.onInfo(tx, request)));
      case Request.UPDATE ->
          inDialog(c, event, call).ifPresent(s -> withTx(m, event, tx -> s.onUpdate(tx, request)));
      case Request.NOTIFY ->
          inDialog(c, event, call).ifPresent(s -> withTx(m, event, tx -> s.onNotify(tx, request)));
      case Request.CANCEL -> {
        Optional<InboundCallSession> target = call.filter(s -> s.isCancelFor(request));
        if (target.isEmpty()) {
          m.reply(event, m.response(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
        } else {
          withTx(m, event, tx -> target.get().onCancel(tx, request));
        }
      }
      case Request.OPTIONS -> {
        if (c.handler().acceptsCalls()) {
          m.reply(event, m.withAcceptSdp(m.withCapabilities(m.response(request, Response.OK, null))));
        } else {
          m.reply(event, m.withRetryAfter(m.response(request, Response.SERVICE_UNAVAILABLE, null)));
        }
      }
      default ->
          m.reply(
              event,
              m.withCapabilities(m.response(request, Response.METHOD_NOT_ALLOWED, null)));
    }
  }

  /** The call an in-dialog request belongs to, or a 481 sent for it. */
  private Optional<InboundCallSession> inDialog(
      CallContext c, RequestEvent event, Optional<InboundCallSession> call) {
    Request request = event.getRequest();
    Optional<InboundCallSession> match = call.filter(s -> s.isInDialog(request));
    if (match.isEmpty()) {
      log.info("{} for unknown dialog: 481", request.getMethod());
      c.messages()
          .reply(
              event,
              c.messages().response(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
    }
    return match;
  }

  private static void withTx(
      SipMessages m, RequestEvent event, java.util.function.Consumer<ServerTransaction> action) {
    ServerTransaction tx = m.serverTransaction(event);
    if (tx != null) {
      action.accept(tx);
    }
  }

  private void invite(CallContext c, RequestEvent event, Request request, String callId) {
    SipMessages m = c.messages();
    ServerTransaction tx = m.serverTransaction(event);
    if (tx == null) {
      return; // Retransmission: the transaction layer re-sends our last response.
    }
    m.send(tx, m.response(request, Response.TRYING, null));
    if (refusingCalls) {
      m.send(tx, m.withRetryAfter(m.response(request, Response.SERVICE_UNAVAILABLE, null)));
      return;
    }
    SessionTimerDecision timing = c.timerPolicy().decide(SipHeaders.timerRequest(request));
    if (timing instanceof SessionTimerDecision.TooSmall(int minSe)) {
      log.info("422: Session-Expires below our Min-SE {}", minSe);
      m.send(tx, m.withMinSe(m.response(request, SipMessages.SESSION_INTERVAL_TOO_SMALL, null), minSe));
      return;
    }
    CallMedia.Choice choice = media.forSource(RequestGate.sourceOf(request));
    MediaPolicy policy = choice.policy();
    // Late offer: no SDP, so we offer in the 200 and the caller answers in the ACK.
    SdpBody body = SdpBody.of(request);
    boolean lateOffer = body instanceof SdpBody.None;
    if (lateOffer && !policy.offerWriter().canOffer()) {
      Response r = m.response(request, Response.NOT_ACCEPTABLE_HERE, null);
      m.send(tx, m.withWarning(r, 305, "No codec to offer for an offerless INVITE"));
      return;
    }
    if (lateOffer && policy.negotiator().requiresSrtp()) {
      // Our own offers are plain RTP/AVP, which SRTP-only mode would refuse in the ACK anyway.
      log.info("488: SRTP required, and an offerless INVITE cannot negotiate it");
      Response r = m.response(request, Response.NOT_ACCEPTABLE_HERE, null);
      m.send(tx, m.withWarning(r, 305, "SRTP required; send an RTP/SAVP offer"));
      return;
    }
    Optional<SdpAgreement> agreement =
        lateOffer ? Optional.empty() : negotiate(policy.negotiator(), m, tx, request, body);
    if (!lateOffer && agreement.isEmpty()) {
      return;
    }
    InboundCallSession session = new InboundCallSession(c, policy, callId, request, tx, agreement, timing);
    if (!c.registry().add(session)) {
      m.send(tx, m.response(request, Response.LOOP_DETECTED, null));
      return;
    }
    Optional<NegotiatedMedia> negotiated = agreement.map(a -> NegotiatedMedia.from(a, null));
    URI ruri = request.getRequestURI();
    log.info(
        "INVITE from {} to {} ({} {}{})",
        ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI(),
        ruri,
        negotiated.map(x -> x.codec().name()).orElse("late offer"),
        SipMessages.transportOf(request),
        choice.trunk().map(t -> ", trunk " + t.name()).orElse(""));
    session.offer(
        new InboundCall(
            callId,
            ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString(),
            userOf(ruri),
            ruri.toString(),
            negotiated,
            session));
  }

  /** The agreement, or the error response already sent. */
  private Optional<SdpAgreement> negotiate(
      SdpNegotiator negotiator, SipMessages m, ServerTransaction tx, Request request, SdpBody body) {
    SdpOffer offer;
    switch (body) {
      case SdpBody.Sdp(SdpOffer o) -> offer = o;
      case SdpBody.NotSdp(String type) -> {
        m.send(tx, m.withAcceptSdp(m.response(request, Response.UNSUPPORTED_MEDIA_TYPE, null)));
        return Optional.empty();
      }
      case SdpBody.Unreadable(String why) -> {
        log.info("unparseable SDP: {}", why);
        m.send(tx, m.withReason(m.response(request, Response.BAD_REQUEST, null), "Bad SDP"));
        return Optional.empty();
      }
      case SdpBody.None() -> throw new IllegalArgumentException("late offer has nothing to negotiate");
    }
    return switch (negotiator.negotiate(offer)) {
      case Negotiation.Agreed(SdpAgreement a) -> Optional.of(a);
      case Negotiation.Incompatible(String reason) -> {
        log.info("488: {}", reason);
        Response r = m.response(request, Response.NOT_ACCEPTABLE_HERE, null);
        m.send(tx, m.withWarning(r, 305, "Incompatible media format"));
        yield Optional.empty();
      }
    };
  }

  private static String userOf(URI uri) {
    return switch (uri) {
      case SipURI sip -> sip.getUser() == null ? "" : sip.getUser();
      case TelURL tel -> tel.getPhoneNumber();
      default -> "";
    };
  }

  private static boolean hasToTag(Request request) {
    return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    String callId = event.getDialog().getCallId().getCallId();
    try (var _ = MDC.putCloseable("callId", callId)) {
      CallContext c = ctx;
      if (c != null && event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
        c.registry().find(callId).ifPresent(InboundCallSession::onAckTimeout);
      }
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    ClientTransaction tx = event.getClientTransaction();
    CallContext c = ctx;
    Response response = event.getResponse();
    String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
    try (var _ = MDC.putCloseable("callId", callId)) {
      if (c == null) {
        return;
      }
      if (tx != null && response.getStatusCode() >= 200) {
        c.pendingByes().completed(tx);
        log.debug("{} to our {}", response.getStatusCode(), tx.getRequest().getMethod());
      }
      // Our re-INVITE/UPDATE refreshes and REFERs: the call follows them up.
      c.registry().find(callId).ifPresent(s -> s.onResponse(tx, response));
    } catch (RuntimeException e) {
      log.error("failed to handle a {} response", response.getStatusCode(), e);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    CallContext c = ctx;
    if (!event.isServerTransaction() && c != null) {
      ClientTransaction tx = event.getClientTransaction();
      c.pendingByes().completed(tx);
      log.info("no response to our {}", tx.getRequest().getMethod());
      String callId = ((CallIdHeader) tx.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
      try (var _ = MDC.putCloseable("callId", callId)) {
        c.registry().find(callId).ifPresent(s -> s.onClientTimeout(tx));
      }
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    log.warn("I/O error with {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}
}
