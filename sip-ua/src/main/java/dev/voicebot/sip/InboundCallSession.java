package dev.voicebot.sip;

import dev.voicebot.sip.sdp.LocalMedia;
import dev.voicebot.sip.sdp.SdpAgreement;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One inbound call's signalling state. SIP events (listener threads) and app actions (virtual
 * threads) race on it, so each transition and the message it sends happen under the call's lock:
 * a CANCEL can never slip between our decision to answer and the 200 OK leaving.
 */
final class InboundCallSession implements SipCall {

  private static final Logger log = LoggerFactory.getLogger(InboundCallSession.class);

  private enum State {
    /** onInvite is deciding. */
    OFFERED,
    /** 200 OK sent, no ACK yet. */
    ANSWERED,
    /** The app hung up before the ACK; a UAS must not send BYE before it (RFC 3261 15). */
    HANGUP_AWAITING_ACK,
    ESTABLISHED,
    ENDED
  }

  private final CallContext ctx;
  private final String callId;
  private final Request invite;
  private final ServerTransaction inviteTx;
  private final SdpAgreement agreement;
  private final String localTag = SipMessages.newTag();
  private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, 1L << 32);
  private final SerialExecutor callbacks;

  private State state = State.OFFERED;
  private boolean endNotified;
  private String answerSdp;

  InboundCallSession(
      CallContext ctx,
      String callId,
      Request invite,
      ServerTransaction inviteTx,
      SdpAgreement agreement) {
    this.ctx = ctx;
    this.callId = callId;
    this.invite = invite;
    this.inviteTx = inviteTx;
    this.agreement = agreement;
    this.callbacks = new SerialExecutor(ctx.virtualThreads(), callId);
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public synchronized boolean isEstablished() {
    return state == State.ESTABLISHED;
  }

  /**
   * Rings at once (the caller hears progress however long the app takes, e.g. a dialplan that
   * rings before answering, and can CANCEL meanwhile), then asks the app off the listener thread.
   */
  synchronized void offer(InboundCall call) {
    SipMessages m = ctx.messages();
    m.send(inviteTx, m.withContact(response(Response.RINGING), invite, contactUser()));
    callbacks.execute(() -> decide(call));
  }

  private void decide(InboundCall call) {
    CallAcceptance acceptance;
    try {
      acceptance = Objects.requireNonNull(ctx.handler().onInvite(call), "onInvite returned null");
    } catch (RuntimeException e) {
      log.error("onInvite failed; answering 500", e);
      acceptance = CallAcceptance.reject(500, "Server Internal Error");
    }
    conclude(acceptance);
  }

  private synchronized void conclude(CallAcceptance acceptance) {
    if (state != State.OFFERED) {
      // Cancelled or hung up while the app was deciding; onEnded is already queued behind us.
      log.info("decision {} ignored: call already ended", acceptance);
      return;
    }
    switch (acceptance) {
      case CallAcceptance.Accept(var localRtp) -> answer(localRtp.getPort());
      case CallAcceptance.Reject(int status, String reason) -> {
        Response r = ctx.messages().withReason(response(status), reason);
        if (status == Response.SERVICE_UNAVAILABLE) {
          ctx.messages().withRetryAfter(r);
        }
        ctx.messages().send(inviteTx, r);
        log.info("rejected with {}", status);
        end(new EndReason.Rejected(status));
      }
    }
  }

  private void answer(int localRtpPort) {
    SipConfig config = ctx.config();
    try {
      answerSdp =
          ctx.answerWriter()
              .write(
                  agreement,
                  new LocalMedia(
                      config.publicAddress(), localRtpPort, sdpSessionId, config.userAgent()));
    } catch (IllegalArgumentException e) {
      log.error("cannot answer: {}", e.getMessage());
      ctx.messages().send(inviteTx, response(Response.SERVER_INTERNAL_ERROR));
      end(new EndReason.Rejected(Response.SERVER_INTERNAL_ERROR));
      return;
    }
    SipMessages m = ctx.messages();
    Response ok = m.withContact(response(Response.OK), invite, contactUser());
    if (!m.send(inviteTx, m.withSdp(m.withCapabilities(ok), answerSdp))) {
      end(new EndReason.Rejected(Response.SERVER_INTERNAL_ERROR));
      return;
    }
    state = State.ANSWERED;
    log.info("answered {} pt {} -> {}:{}", agreement.codec().encoding(),
        agreement.codec().payloadType(), agreement.remoteAddress(), agreement.remotePort());
  }

  synchronized void onAck() {
    switch (state) {
      case ANSWERED -> {
        state = State.ESTABLISHED;
        callbacks.execute(() -> ctx.handler().onEstablished(callId));
      }
      case HANGUP_AWAITING_ACK -> {
        sendBye();
        end(new EndReason.LocalHangup());
      }
      default -> log.debug("ACK in state {} ignored", state);
    }
  }

  synchronized void onCancel(ServerTransaction cancelTx, Request cancel) {
    // The CANCEL itself always succeeds; it only has an effect before our final response.
    ctx.messages().send(cancelTx, ctx.messages().response(cancel, Response.OK, localTag));
    if (state == State.OFFERED) {
      ctx.messages().send(inviteTx, response(Response.REQUEST_TERMINATED));
      log.info("cancelled by caller");
      end(new EndReason.Cancelled());
    }
  }

  synchronized void onBye(ServerTransaction byeTx, Request bye) {
    ctx.messages().send(byeTx, ctx.messages().response(bye, Response.OK, localTag));
    if (state == State.OFFERED) {
      ctx.messages().send(inviteTx, response(Response.REQUEST_TERMINATED));
    }
    log.info("caller hung up");
    end(new EndReason.RemoteBye());
  }

  synchronized void onAckTimeout() {
    if (state == State.ANSWERED || state == State.HANGUP_AWAITING_ACK) {
      log.warn("no ACK for our 200 OK; hanging up");
      sendBye();
      end(new EndReason.Timeout("ACK not received"));
    }
  }

  /** Re-INVITE: same answer as before (hold and codec changes come later). */
  synchronized void onReInvite(ServerTransaction tx, Request reInvite) {
    SipMessages m = ctx.messages();
    if (state != State.ANSWERED && state != State.ESTABLISHED) {
      m.send(tx, m.response(reInvite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, localTag));
      return;
    }
    Response ok = m.withContact(m.response(reInvite, Response.OK, localTag), reInvite, contactUser());
    m.send(tx, m.withSdp(m.withCapabilities(ok), answerSdp));
  }

  synchronized void onInfo(ServerTransaction tx, Request info) {
    ctx.messages().send(tx, ctx.messages().response(info, Response.OK, localTag));
  }

  @Override
  public void hangup() {
    try {
      ctx.virtualThreads().execute(this::hangupNow);
    } catch (RejectedExecutionException e) {
      log.debug("hangup after close: the shutdown already ended call {}", callId);
    }
  }

  private synchronized void hangupNow() {
    try (var _ = MDC.putCloseable("callId", callId)) {
      switch (state) {
        case OFFERED -> {
          ctx.messages().send(inviteTx, response(Response.DECLINE));
          end(new EndReason.LocalHangup());
        }
        case ANSWERED -> {
          state = State.HANGUP_AWAITING_ACK;
          notifyEnded(new EndReason.LocalHangup());
        }
        case ESTABLISHED -> {
          sendBye();
          end(new EndReason.LocalHangup());
        }
        case HANGUP_AWAITING_ACK, ENDED -> {}
      }
    }
  }

  /** The user agent is closing: BYE what is up, refuse what is not. */
  synchronized void shutdown() {
    try (var _ = MDC.putCloseable("callId", callId)) {
      shutdownNow();
    }
  }

  private void shutdownNow() {
    switch (state) {
      case OFFERED -> {
        ctx.messages().send(inviteTx, ctx.messages().withRetryAfter(response(Response.SERVICE_UNAVAILABLE)));
        end(new EndReason.Shutdown());
      }
      case ANSWERED, HANGUP_AWAITING_ACK, ESTABLISHED -> {
        sendBye();
        end(new EndReason.Shutdown());
      }
      case ENDED -> {}
    }
  }

  /** True if an in-dialog request belongs to this call's dialog (Call-ID matched already). */
  boolean isInDialog(Request request) {
    String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    return localTag.equals(toTag) && Objects.equals(remoteTag(), fromTag(request));
  }

  /** True if a CANCEL targets our INVITE (same branch, RFC 3261 9.2). */
  boolean isCancelFor(Request cancel) {
    return Objects.equals(branch(invite), branch(cancel))
        && Objects.equals(remoteTag(), fromTag(cancel));
  }

  private void sendBye() {
    Dialog dialog = inviteTx.getDialog();
    if (dialog == null) {
      log.warn("no dialog to send BYE on");
      return;
    }
    try {
      ctx.messages().sendBye(dialog, ctx.pendingByes());
      log.info("BYE sent");
    } catch (SipException | RuntimeException e) {
      log.warn("could not send BYE: {}", e.toString());
    }
  }

  private void end(EndReason reason) {
    state = State.ENDED;
    ctx.registry().remove(this);
    notifyEnded(reason);
  }

  private void notifyEnded(EndReason reason) {
    if (!endNotified) {
      endNotified = true;
      callbacks.execute(() -> ctx.handler().onEnded(callId, reason));
    }
  }

  private Response response(int status) {
    return ctx.messages().response(invite, status, localTag);
  }

  private String contactUser() {
    return invite.getRequestURI() instanceof javax.sip.address.SipURI uri ? uri.getUser() : null;
  }

  private String remoteTag() {
    return fromTag(invite);
  }

  private static String fromTag(Request r) {
    return ((FromHeader) r.getHeader(FromHeader.NAME)).getTag();
  }

  private static String branch(Request r) {
    ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
    return via == null ? null : via.getBranch();
  }
}
