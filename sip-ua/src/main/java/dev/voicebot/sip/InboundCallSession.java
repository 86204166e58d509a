package dev.voicebot.sip;

import dev.voicebot.sip.info.InfoBody;
import dev.voicebot.sip.info.InfoDtmfParser;
import dev.voicebot.sip.sdp.LocalMedia;
import dev.voicebot.sip.sdp.MediaDirection;
import dev.voicebot.sip.sdp.MediaPolicy;
import dev.voicebot.sip.sdp.Negotiation;
import dev.voicebot.sip.sdp.SdpAgreement;
import dev.voicebot.sip.sdp.SdpSessionVersion;
import dev.voicebot.sip.timer.Refresher;
import dev.voicebot.sip.timer.SessionTimerDecision;
import dev.voicebot.sip.timer.SessionTimerRequest;
import dev.voicebot.sip.transfer.ReferProgress;
import dev.voicebot.sip.transfer.ReferTarget;
import dev.voicebot.sip.transfer.Sipfrag;
import dev.voicebot.sip.transfer.SubscriptionState;
import dev.voicebot.sip.transfer.TransferOutcome;
import java.text.ParseException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One inbound call's signalling state. SIP events (listener threads), timers and app actions
 * (virtual threads) race on it, so each transition and the message it sends happen under the
 * call's lock: a CANCEL can never slip between our decision to answer and the 200 OK leaving,
 * and a re-INVITE never sees half an answer.
 *
 * <p>Every offer/answer exchange (initial INVITE, late offer answered in the ACK, re-INVITE with
 * or without SDP, UPDATE) goes through RFC 3264 rules: mirrored direction, the current codec kept
 * while offered, 488 leaving the call unchanged, and the o= version raised only when our SDP
 * changes.
 */
final class InboundCallSession implements SipCall {

  private static final Logger log = LoggerFactory.getLogger(InboundCallSession.class);

  /** After a refresh failed for a passing reason (491, 5xx), the next attempt. */
  private static final Duration REFRESH_RETRY = Duration.ofSeconds(1);

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

  /** A REFER we sent whose outcome is not known yet. */
  private static final class PendingTransfer {
    final String target;
    final CompletableFuture<TransferOutcome> result;
    final ReferProgress progress = new ReferProgress();
    ClientTransaction refer;
    ScheduledFuture<?> timeout;

    PendingTransfer(String target, CompletableFuture<TransferOutcome> result) {
      this.target = target;
      this.result = result;
    }
  }

  private final CallContext ctx;
  /** The codec choice of this call (its trunk's or the user agent's), for every offer/answer. */
  private final MediaPolicy media;
  private final String callId;
  private final Request invite;
  private final ServerTransaction inviteTx;
  private final SessionTimerDecision initialTimer;
  private final String localTag = SipMessages.newTag();
  private final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, 1L << 32);
  private final SdpSessionVersion sdpVersion = new SdpSessionVersion(sdpSessionId);
  private final SerialExecutor callbacks;
  private final SessionTimer timer;

  private State state = State.OFFERED;
  private boolean endNotified;
  /** The media agreed on; null between a late-offer INVITE and the answer in its ACK. */
  private SdpAgreement agreement;
  private int localRtpPort;
  /** What the app last learned, so onMediaChanged fires only for a change. */
  private NegotiatedMedia reportedMedia;
  private MediaDirection reportedDirection;
  /** CSeq of a re-INVITE we answered with an offer: its ACK carries the caller's answer. */
  private long answerDueInAck;
  /** Our session refresh (re-INVITE or UPDATE) in flight. */
  private ClientTransaction refresh;
  private boolean peerAllowsUpdate;
  private PendingTransfer transfer;

  InboundCallSession(
      CallContext ctx,
      MediaPolicy media,
      String callId,
      Request invite,
      ServerTransaction inviteTx,
      Optional<SdpAgreement> agreement,
      SessionTimerDecision timerDecision) {
    this.ctx = ctx;
    this.media = media;
    this.callId = callId;
    this.invite = invite;
    this.inviteTx = inviteTx;
    this.agreement = agreement.orElse(null);
    this.initialTimer = timerDecision;
    this.peerAllowsUpdate = SipHeaders.hasToken(invite, "Allow", Request.UPDATE);
    this.callbacks = new SerialExecutor(ctx.virtualThreads(), callId);
    this.timer =
        new SessionTimer(ctx.timers(), ctx.virtualThreads(), this::refreshDue, this::sessionExpired);
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
    reportedMedia = call.media().orElse(null);
    reportedDirection = call.media().isPresent() ? MediaDirection.SENDRECV : null;
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

  /** 200 OK with our answer, or with our offer when the caller sent none (late offer). */
  private void answer(int localRtpPort) {
    this.localRtpPort = localRtpPort;
    String sdp;
    try {
      sdp =
          agreement != null
              ? sdpVersion.next(v -> ctx.answerWriter().write(agreement, local(v)))
              : sdpVersion.next(v -> media.offerWriter().write(local(v), MediaDirection.SENDRECV));
    } catch (IllegalArgumentException e) {
      log.error("cannot answer: {}", e.getMessage());
      ctx.messages().send(inviteTx, response(Response.SERVER_INTERNAL_ERROR));
      end(new EndReason.Rejected(Response.SERVER_INTERNAL_ERROR));
      return;
    }
    SipMessages m = ctx.messages();
    Response ok = m.withCapabilities(m.withContact(response(Response.OK), invite, contactUser()));
    if (initialTimer instanceof SessionTimerDecision.On on) {
      m.withSessionTimer(ok, on);
    }
    if (!m.send(inviteTx, m.withSdp(ok, sdp))) {
      end(new EndReason.Rejected(Response.SERVER_INTERNAL_ERROR));
      return;
    }
    state = State.ANSWERED;
    if (initialTimer instanceof SessionTimerDecision.On on) {
      timer.restart(on, roleOf(on.refresher()));
      log.info("session timer {} s, refreshed by {}", on.intervalSeconds(), timer.refresher());
    }
    if (agreement == null) {
      log.info("answered a late offer with our offer; the answer is due in the ACK");
    } else {
      log.info("answered {} pt {} -> {}:{} ({})", agreement.codec().encoding(),
          agreement.codec().payloadType(), agreement.remoteAddress(), agreement.remotePort(),
          agreement.callerDirection().attribute());
      reportIfChanged(); // an offer that starts on hold
    }
  }

  synchronized void onAck(Request ack) {
    switch (state) {
      case ANSWERED -> {
        if (agreement == null && !takeLateAnswer(ack)) {
          return;
        }
        state = State.ESTABLISHED;
        callbacks.execute(() -> ctx.handler().onEstablished(callId));
      }
      case ESTABLISHED -> {
        if (answerDueInAck != 0 && answerDueInAck == cseqOf(ack)) {
          answerDueInAck = 0;
          takeReofferAnswer(ack);
        }
      }
      case HANGUP_AWAITING_ACK -> {
        sendBye();
        end(new EndReason.LocalHangup());
      }
      default -> log.debug("ACK in state {} ignored", state);
    }
  }

  /**
   * The caller's answer to the offer in our 200 OK. An answer cannot be refused (RFC 3264), so a
   * useless one ends the call: BYE with a Reason saying why, rather than a call with no audio.
   *
   * @return false if the call ended
   */
  private boolean takeLateAnswer(Request ack) {
    Negotiation n = negotiateAnswer(ack);
    switch (n) {
      case Negotiation.Agreed(SdpAgreement a) -> {
        agreement = a;
        log.info("late offer answered: {} pt {} -> {}:{}", a.codec().encoding(),
            a.codec().payloadType(), a.remoteAddress(), a.remotePort());
        reportIfChanged();
        return true;
      }
      case Negotiation.Incompatible(String why) -> {
        log.warn("late offer: unusable answer ({}); hanging up", why);
        sendBye(Response.NOT_ACCEPTABLE_HERE, why);
        end(new EndReason.NegotiationFailed(why));
        return false;
      }
    }
  }

  /** Answer to our offer in a re-INVITE's 200: a bad one keeps the media as it was. */
  private void takeReofferAnswer(Request ack) {
    switch (negotiateAnswer(ack)) {
      case Negotiation.Agreed(SdpAgreement a) -> {
        agreement = a;
        reportIfChanged();
      }
      case Negotiation.Incompatible(String why) ->
          log.warn("unusable answer to our re-offer ({}); media unchanged", why);
    }
  }

  private Negotiation negotiateAnswer(Request ack) {
    return switch (SdpBody.of(ack)) {
      case SdpBody.Sdp(var sdp) ->
          media.negotiator().negotiate(
              sdp,
              Optional.ofNullable(agreement).map(SdpAgreement::codec),
              Optional.ofNullable(agreement).flatMap(SdpAgreement::srtp));
      case SdpBody.None() -> new Negotiation.Incompatible("ACK without an SDP answer");
      case SdpBody.NotSdp(String type) -> new Negotiation.Incompatible("answer is " + type);
      case SdpBody.Unreadable(String why) -> new Negotiation.Incompatible("bad SDP: " + why);
    };
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
    } else if (answerDueInAck != 0) {
      log.warn("no ACK for our 200 to a re-INVITE; media unchanged");
      answerDueInAck = 0;
    }
  }

  /** A re-INVITE (hold, unhold, new address, codec change, session refresh, or an offer request). */
  synchronized void onReInvite(ServerTransaction tx, Request reInvite) {
    onOffer(tx, reInvite, false);
  }

  /** UPDATE (RFC 3311): an offer answered in its 200, or without SDP just a session refresh. */
  synchronized void onUpdate(ServerTransaction tx, Request update) {
    onOffer(tx, update, true);
  }

  private void onOffer(ServerTransaction tx, Request request, boolean isUpdate) {
    SipMessages m = ctx.messages();
    switch (state) {
      case ANSWERED, ESTABLISHED -> {}
      case OFFERED -> {
        m.send(tx, reply(request, Response.REQUEST_PENDING)); // nothing to change before we answer
        return;
      }
      case HANGUP_AWAITING_ACK, ENDED -> {
        m.send(tx, reply(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
        return;
      }
    }
    if (agreement == null || answerDueInAck != 0 || refresh != null) {
      // An offer/answer exchange is still open (ours or theirs): RFC 3261 14.2, RFC 3311 5.2.
      m.send(tx, reply(request, Response.REQUEST_PENDING));
      return;
    }
    if (SipHeaders.tokens(request, "Allow").size() > 0) {
      peerAllowsUpdate = SipHeaders.hasToken(request, "Allow", Request.UPDATE);
    }
    SessionTimerDecision timing = ctx.timerPolicy().decide(SipHeaders.timerRequest(request));
    if (timing instanceof SessionTimerDecision.TooSmall(int minSe)) {
      m.send(tx, m.withMinSe(reply(request, SipMessages.SESSION_INTERVAL_TOO_SMALL), minSe));
      return;
    }
    Response ok = m.withCapabilities(m.withContact(reply(request, Response.OK), request, contactUser()));
    switch (SdpBody.of(request)) {
      case SdpBody.None() -> {
        if (!isUpdate) {
          // Offerless re-INVITE: we offer what we use now, willing to send and receive (a PBX
          // takes a call off hold this way), and the caller answers in the ACK.
          MediaDirection ours = MediaDirection.SENDRECV;
          String sdp = sdpVersion.next(v -> ctx.answerWriter().write(agreement.withDirection(ours), local(v)));
          m.withSdp(ok, sdp);
          answerDueInAck = cseqOf(request);
        }
      }
      case SdpBody.Sdp(var offer) -> {
        switch (media.negotiator().negotiate(offer, Optional.of(agreement.codec()), agreement.srtp())) {
          case Negotiation.Agreed(SdpAgreement a) -> {
            agreement = a;
            m.withSdp(ok, sdpVersion.next(v -> ctx.answerWriter().write(a, local(v))));
          }
          case Negotiation.Incompatible(String why) -> {
            log.info("re-offer refused with 488 ({}); the call goes on unchanged", why);
            m.send(tx, m.withWarning(reply(request, Response.NOT_ACCEPTABLE_HERE), 305,
                "Incompatible media format"));
            return;
          }
        }
      }
      case SdpBody.NotSdp(String type) -> {
        m.send(tx, m.withAcceptSdp(reply(request, Response.UNSUPPORTED_MEDIA_TYPE)));
        return;
      }
      case SdpBody.Unreadable(String why) -> {
        log.info("unreadable SDP in {}: {}", request.getMethod(), why);
        m.send(tx, m.withReason(reply(request, Response.BAD_REQUEST), "Bad SDP"));
        return;
      }
    }
    if (timing instanceof SessionTimerDecision.On on) {
      m.withSessionTimer(ok, on);
    }
    if (!m.send(tx, ok)) {
      return;
    }
    // Any 2xx to a re-INVITE or UPDATE is a session refresh (RFC 4028 section 10).
    switch (timing) {
      case SessionTimerDecision.On on -> timer.restart(on, roleOf(on.refresher()));
      case SessionTimerDecision.Off() -> timer.stop();
      case SessionTimerDecision.TooSmall t -> {}
    }
    log.info("{} answered: {} ({})", request.getMethod(), agreement.codec().encoding(),
        agreement.callerDirection().attribute());
    reportIfChanged();
  }

  /** SIP INFO: DTMF digits go to the app like RFC 4733 ones; other bodies are refused (RFC 6086). */
  synchronized void onInfo(ServerTransaction tx, Request info) {
    SipMessages m = ctx.messages();
    InfoBody body = InfoDtmfParser.parse(SipHeaders.contentType(info), SipHeaders.body(info));
    switch (body) {
      case InfoBody.Digit(char digit, var duration) -> {
        m.send(tx, reply(info, Response.OK));
        if (state != State.ENDED) {
          log.info("DTMF {} by INFO", digit);
          callbacks.execute(() -> ctx.handler().onDtmf(callId, digit));
        }
      }
      case InfoBody.Nothing(String why) -> {
        log.debug("INFO without a digit ({})", why);
        m.send(tx, reply(info, Response.OK));
      }
      case InfoBody.Unsupported(String type) -> {
        log.info("INFO with {} refused: 415", type);
        m.send(tx, m.withAccept(reply(info, Response.UNSUPPORTED_MEDIA_TYPE), InfoDtmfParser.ACCEPTED));
      }
      case InfoBody.Malformed(String why) -> {
        log.info("INFO DTMF unreadable: {}", why);
        m.send(tx, m.withReason(reply(info, Response.BAD_REQUEST), why));
      }
    }
  }

  /** NOTIFY of the implicit subscription of our REFER: transfer progress as sipfrag. */
  synchronized void onNotify(ServerTransaction tx, Request notify) {
    SipMessages m = ctx.messages();
    PendingTransfer t = transfer;
    String event = SipHeaders.value(notify, "Event").orElse("");
    if (!event.toLowerCase(java.util.Locale.ROOT).startsWith("refer")) {
      m.send(tx, reply(notify, Response.BAD_EVENT));
      return;
    }
    if (t == null) {
      // No transfer running (it timed out or never was): ends the notifier's subscription.
      m.send(tx, m.withReason(reply(notify, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST),
          "Subscription does not exist"));
      return;
    }
    m.send(tx, reply(notify, Response.OK));
    Optional<Sipfrag> fragment = Sipfrag.parse(SipHeaders.body(notify));
    SubscriptionState subscription =
        SubscriptionState.parse(SipHeaders.value(notify, "Subscription-State").orElse(null));
    log.info("transfer progress: {} ({})",
        fragment.map(f -> f.status() + " " + f.reason()).orElse("no sipfrag"), subscription.state());
    t.progress.onNotify(fragment, subscription).ifPresent(this::finishTransfer);
  }

  /** A response to one of our in-dialog requests (re-INVITE/UPDATE refresh, REFER). */
  synchronized void onResponse(ClientTransaction tx, Response response) {
    if (tx == null) {
      // A retransmitted 2xx to our re-INVITE: our ACK was lost, send it again.
      if (response.getStatusCode() / 100 == 2 && Request.INVITE.equals(methodOf(response))) {
        ackQuietly(response);
      }
      return;
    }
    if (tx == refresh) {
      onRefreshResponse(response);
    } else if (transfer != null && tx == transfer.refer) {
      transfer.progress
          .onReferResponse(response.getStatusCode(), response.getReasonPhrase())
          .ifPresent(this::finishTransfer);
    }
  }

  /** One of our in-dialog requests got no response at all. */
  synchronized void onClientTimeout(ClientTransaction tx) {
    if (tx == refresh) {
      refresh = null;
      if (state == State.ESTABLISHED) {
        log.warn("session refresh unanswered; hanging up");
        sendBye();
        end(new EndReason.Timeout("session refresh unanswered"));
      }
    } else if (transfer != null && tx == transfer.refer) {
      finishTransfer(new TransferOutcome.Failed(Response.REQUEST_TIMEOUT, "REFER unanswered"));
    }
  }

  // --- session timer --------------------------------------------------------------------------

  private void refreshDue(long generation) {
    synchronized (this) {
      if (!timer.isCurrent(generation) || state == State.ENDED) {
        return;
      }
      if (state != State.ESTABLISHED || refresh != null || answerDueInAck != 0) {
        timer.retryRefresh(REFRESH_RETRY); // an exchange is open: refreshing now would glare
        return;
      }
      sendRefresh(timer.interval());
    }
  }

  /**
   * Refreshes as the refresher: UPDATE without SDP when the peer allows it (no media effect at
   * all), else a re-INVITE with exactly the SDP we sent last (same o= version: nothing changed).
   */
  private void sendRefresh(SessionTimerDecision.On interval) {
    SipMessages m = ctx.messages();
    Dialog dialog = inviteTx.getDialog();
    boolean update = peerAllowsUpdate;
    try {
      Request r = m.inDialog(dialog, update ? Request.UPDATE : Request.INVITE);
      m.withContact(r, invite, contactUser());
      m.setHeader(r, SipHeaders.SESSION_EXPIRES, interval.intervalSeconds() + ";refresher=uac");
      m.setHeader(r, SipHeaders.MIN_SE, Integer.toString(ctx.timerPolicy().minIntervalSeconds()));
      if (!update) {
        m.withBody(r, "application", "sdp", sdpVersion.last());
      }
      refresh = m.send(dialog, r);
      log.info("session refresh sent ({})", r.getMethod());
    } catch (SipException | RuntimeException e) {
      log.warn("could not send session refresh: {}", e.toString());
      timer.retryRefresh(REFRESH_RETRY);
    }
  }

  private void onRefreshResponse(Response response) {
    int status = response.getStatusCode();
    if (status < 200) {
      return;
    }
    boolean invited = Request.INVITE.equals(methodOf(response));
    refresh = null;
    if (status < 300) {
      if (invited) {
        ackQuietly(response);
      }
      SessionTimerDecision.On current = timer.interval();
      SessionTimerRequest granted = SipHeaders.timerRequest(response);
      if (current == null || state != State.ESTABLISHED) {
        return;
      }
      // In a response to our request, refresher=uac means us; no Session-Expires: we carry on.
      int seconds = granted.sessionExpires().orElse(current.intervalSeconds());
      Refresher refresher = granted.refresher().orElse(Refresher.UAC);
      timer.restart(
          new SessionTimerDecision.On(seconds, refresher, current.requireTimer()),
          refresher == Refresher.UAC ? SessionTimer.Role.US : SessionTimer.Role.PEER);
      log.info("session refreshed ({} s)", seconds);
      return;
    }
    switch (status) {
      case SipMessages.SESSION_INTERVAL_TOO_SMALL -> {
        int min = SipHeaders.timerRequest(response).minSe().orElse(0);
        SessionTimerDecision.On current = timer.interval();
        if (current != null && min > current.intervalSeconds()) {
          sendRefresh(new SessionTimerDecision.On(min, current.refresher(), current.requireTimer()));
        } else {
          timer.retryRefresh(REFRESH_RETRY);
        }
      }
      case Response.REQUEST_TIMEOUT, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST -> {
        // RFC 4028 section 10: the session is gone for the peer.
        log.warn("session refresh got {}; hanging up", status);
        sendBye();
        end(new EndReason.Timeout("session refresh failed: " + status));
      }
      default -> {
        log.info("session refresh got {}; retrying", status);
        timer.retryRefresh(REFRESH_RETRY);
      }
    }
  }

  private void sessionExpired(long generation) {
    synchronized (this) {
      if (!timer.isCurrent(generation)
          || (state != State.ANSWERED && state != State.ESTABLISHED)) {
        return;
      }
      log.warn("session expired: no refresh within the session interval; hanging up");
      sendBye(Response.REQUEST_TIMEOUT, "Session expired");
      end(new EndReason.Timeout("session expired"));
    }
  }

  private static SessionTimer.Role roleOf(Refresher inRequestFromPeer) {
    return inRequestFromPeer == Refresher.UAS ? SessionTimer.Role.US : SessionTimer.Role.PEER;
  }

  // --- transfer -------------------------------------------------------------------------------

  @Override
  public CompletableFuture<TransferOutcome> transfer(String referToUri) {
    String target = ReferTarget.check(referToUri);
    URI uri;
    try {
      uri = ctx.messages().uri(target);
    } catch (ParseException e) {
      throw new IllegalArgumentException("transfer target is not a valid URI: " + referToUri, e);
    }
    CompletableFuture<TransferOutcome> result = new CompletableFuture<>();
    try {
      ctx.virtualThreads().execute(() -> startTransfer(target, uri, result));
    } catch (RejectedExecutionException e) {
      result.complete(new TransferOutcome.Failed(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
          "user agent closed"));
    }
    return result;
  }

  private synchronized void startTransfer(
      String target, URI uri, CompletableFuture<TransferOutcome> result) {
    try (var _ = MDC.putCloseable("callId", callId)) {
      if (state != State.ESTABLISHED) {
        complete(result, new TransferOutcome.Failed(
            Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "call not established"));
        return;
      }
      if (transfer != null) {
        complete(result, new TransferOutcome.Failed(
            Response.REQUEST_PENDING, "another transfer is in progress"));
        return;
      }
      SipMessages m = ctx.messages();
      Dialog dialog = inviteTx.getDialog();
      PendingTransfer t = new PendingTransfer(target, result);
      try {
        Request refer = m.inDialog(dialog, Request.REFER);
        m.withContact(refer, invite, contactUser());
        m.setReferTo(refer, uri);
        // Referred-By (RFC 3892): our AOR, the address the caller dialled.
        m.setHeader(refer, "Referred-By",
            "<" + ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI() + ">");
        transfer = t;
        t.refer = m.send(dialog, refer);
      } catch (SipException | RuntimeException e) {
        log.warn("could not send REFER: {}", e.toString());
        transfer = null;
        complete(result, new TransferOutcome.Failed(Response.SERVER_INTERNAL_ERROR,
            "REFER not sent: " + e.getMessage()));
        return;
      }
      Duration wait = ctx.dialog().transferTimeout();
      t.timeout = scheduleOnCall(wait, () -> transferTimedOut(t, wait));
      log.info("REFER sent: transfer to {}", target);
    }
  }

  private synchronized void transferTimedOut(PendingTransfer t, Duration wait) {
    if (transfer == t) {
      finishTransfer(new TransferOutcome.Failed(Response.REQUEST_TIMEOUT,
          "no final NOTIFY within " + wait.toSeconds() + " s"));
    }
  }

  private void finishTransfer(TransferOutcome outcome) {
    PendingTransfer t = transfer;
    transfer = null;
    if (t.timeout != null) {
      t.timeout.cancel(false);
    }
    switch (outcome) {
      case TransferOutcome.Succeeded() -> {
        log.info("transfer to {} succeeded; leaving the call", t.target);
        if (state == State.ESTABLISHED) {
          sendBye();
          end(new EndReason.Transferred(t.target));
        }
      }
      case TransferOutcome.Failed(int status, String reason) ->
          log.info("transfer to {} failed: {} {}; the call goes on", t.target, status, reason);
    }
    complete(t.result, outcome);
  }

  /** Completed off our lock and thread: the app's continuations must not run inside the call. */
  private void complete(CompletableFuture<TransferOutcome> f, TransferOutcome outcome) {
    try {
      ctx.virtualThreads().execute(() -> f.complete(outcome));
    } catch (RejectedExecutionException e) {
      f.complete(outcome);
    }
  }

  private ScheduledFuture<?> scheduleOnCall(Duration after, Runnable action) {
    try {
      return ctx.timers().schedule(
          () -> {
            try {
              ctx.virtualThreads().execute(action);
            } catch (RejectedExecutionException e) {
              // closing: shutdown ends the call and its transfer
            }
          },
          after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  // --- hangup and shutdown --------------------------------------------------------------------

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
          timer.stop();
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

  // --- helpers --------------------------------------------------------------------------------

  /** Tells the app about media it does not know yet (and only then). */
  private void reportIfChanged() {
    NegotiatedMedia media = NegotiatedMedia.from(agreement, reportedMedia);
    MediaDirection direction = agreement.callerDirection();
    if (media.equals(reportedMedia) && direction == reportedDirection) {
      return;
    }
    reportedMedia = media;
    reportedDirection = direction;
    log.info("media now {} pt {} -> {} (caller {})", media.codec().name(),
        media.codec().payloadType(), media.remoteRtp(), direction.attribute());
    callbacks.execute(() -> ctx.handler().onMediaChanged(callId, media, direction));
  }

  private LocalMedia local(long version) {
    SipConfig config = ctx.config();
    return new LocalMedia(
        config.publicAddress(), localRtpPort, sdpSessionId, version, config.userAgent());
  }

  private void sendBye() {
    sendBye(0, null);
  }

  private void sendBye(int cause, String text) {
    Dialog dialog = inviteTx.getDialog();
    if (dialog == null) {
      log.warn("no dialog to send BYE on");
      return;
    }
    try {
      ctx.messages().sendBye(dialog, ctx.pendingByes(), cause, text);
      log.info("BYE sent");
    } catch (SipException | RuntimeException e) {
      log.warn("could not send BYE: {}", e.toString());
    }
  }

  private void ackQuietly(Response ok) {
    try {
      ctx.messages().ack(inviteTx.getDialog(), ok);
    } catch (SipException | RuntimeException e) {
      log.warn("could not ACK our re-INVITE: {}", e.toString());
    }
  }

  private void end(EndReason reason) {
    state = State.ENDED;
    ctx.registry().remove(this);
    timer.stop();
    refresh = null;
    if (transfer != null) {
      PendingTransfer t = transfer;
      transfer = null;
      if (t.timeout != null) {
        t.timeout.cancel(false);
      }
      complete(t.result, new TransferOutcome.Failed(
          Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "call ended"));
    }
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

  private Response reply(Request request, int status) {
    return ctx.messages().response(request, status, localTag);
  }

  private String contactUser() {
    return invite.getRequestURI() instanceof javax.sip.address.SipURI uri ? uri.getUser() : null;
  }

  private String remoteTag() {
    return fromTag(invite);
  }

  private static long cseqOf(javax.sip.message.Message m) {
    return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
  }

  private static String methodOf(Response r) {
    return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getMethod();
  }

  private static String fromTag(Request r) {
    return ((FromHeader) r.getHeader(FromHeader.NAME)).getTag();
  }

  private static String branch(Request r) {
    ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
    return via == null ? null : via.getBranch();
  }
}
