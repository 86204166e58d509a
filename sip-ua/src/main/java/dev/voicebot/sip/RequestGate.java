package dev.voicebot.sip;

import dev.voicebot.sip.access.AccessControl;
import dev.voicebot.sip.access.AccessDecision;
import dev.voicebot.sip.access.RateDecision;
import dev.voicebot.sip.access.RequestFacts;
import dev.voicebot.sip.access.SourceRatePolicy;
import dev.voicebot.sip.tls.TlsRefusalListener;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first listener every message meets, in front of {@link SipRequestRouter}: per-source rate
 * limit (on requests outside the dialogs we know), sanity checks, drain, access control, then the
 * router. Responses to requests we originated (REGISTER, OPTIONS) go to {@link StackChannel}, the
 * rest to the router.
 *
 * <p>Runs on stack threads: every check is O(1) or a short list scan, nothing blocks, and no
 * exception leaves, so one bad message never disturbs another call.
 */
final class RequestGate implements SipListenerExt, TlsRefusalListener {

  private static final Logger log = LoggerFactory.getLogger(RequestGate.class);

  /** What the gate needs from the running stack; bound right after start like the router's. */
  record Bound(JainSipStack sip, SipMessages messages, StackChannel channel, CallRegistry registry) {}

  private final SipRequestRouter router;
  private final AccessControl access;
  private final SourceRatePolicy rates;
  private final LogLimiter throttleLog = new LogLimiter(Duration.ofSeconds(5));
  private final LogLimiter forbidLog = new LogLimiter(Duration.ofSeconds(1));
  private volatile Bound bound;
  private volatile boolean draining;

  RequestGate(SipRequestRouter router, AccessControl access, SourceRatePolicy rates) {
    this.router = router;
    this.access = access;
    this.rates = rates;
  }

  void bind(Bound b) {
    this.bound = b;
  }

  /** New INVITEs and OPTIONS get 503 from now on; requests of existing calls go on. */
  void startDraining() {
    draining = true;
  }

  boolean isDraining() {
    return draining;
  }

  @Override
  public void processRequest(RequestEvent event) {
    try {
      Bound b = bound;
      if (b != null) {
        gate(b, event);
      }
    } catch (RuntimeException e) {
      // Whatever a message does to us, it must not reach the stack's thread or other calls.
      log.warn("request dropped after an internal error", e);
    }
  }

  private void gate(Bound b, RequestEvent event) {
    Request request = event.getRequest();
    String method = request.getMethod();
    InetAddress source = sourceOf(request);
    if (source == null || !RequestSanity.canAnswer(request)) {
      log.debug("{} without source or mandatory headers dropped", method);
      return;
    }
    boolean initialInvite = method.equals(Request.INVITE) && !hasToTag(request);
    SipMessages m = b.messages();
    RateDecision rate = rates.decide(source, KnownDialogs.contains(b.registry(), request));
    if (rate != RateDecision.PASS) {
      long skipped = throttleLog.permit();
      if (skipped >= 0) {
        log.warn("rate limit: {} from {} ({}) {} ({} more stopped since last report)", method,
            source.getHostAddress(), rate == RateDecision.REFUSE ? "trunk or allowed" : "other",
            rate == RateDecision.REFUSE ? "refused with 503" : "dropped", skipped);
      }
      if (rate == RateDecision.REFUSE && !method.equals(Request.ACK)) {
        // Stateless: a flood must not create a transaction per request.
        m.sendStateless(m.withRetryAfter(m.response(request, Response.SERVICE_UNAVAILABLE, null),
            SipMessages.RATE_RETRY_AFTER_SECONDS));
      }
      return;
    }
    Optional<RequestSanity.Problem> problem = RequestSanity.check(request);
    if (problem.isPresent()) {
      log.info("{} from {}: {} {}", method, source.getHostAddress(),
          method.equals(Request.ACK) ? "dropped," : problem.get().status(), problem.get().reason());
      if (!method.equals(Request.ACK)) {
        // Stateless: JAIN-SIP refuses a transaction for a request without Max-Forwards.
        m.sendStateless(m.withReason(m.response(request, problem.get().status(), null), problem.get().reason()));
      }
      return;
    }
    if (draining && (initialInvite || method.equals(Request.OPTIONS))) {
      m.reply(event, m.withRetryAfter(m.response(request, Response.SERVICE_UNAVAILABLE, null)));
      return;
    }
    String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    ProxyAuthorizationHeader auth =
        (ProxyAuthorizationHeader) request.getHeader(ProxyAuthorizationHeader.NAME);
    RequestFacts facts =
        new RequestFacts(
            source,
            method,
            request.getRequestURI().toString(),
            b.registry().find(callId).isPresent(),
            auth == null ? null : headerValue(auth.toString()));
    switch (access.decide(facts)) {
      case AccessDecision.Pass(String user) -> {
        if (user != null) {
          log.info("{} from {} authenticated as {}", method, source.getHostAddress(), user);
        }
        router.processRequest(event);
      }
      case AccessDecision.Forbid(String why) -> {
        long skipped = forbidLog.permit();
        if (skipped >= 0) {
          log.info("403 to {} from {}: {} ({} more 403s since last report)", method,
              source.getHostAddress(), why, skipped);
        }
        m.reply(event, m.response(request, Response.FORBIDDEN, null));
      }
      case AccessDecision.Challenge(List<String> challenges) ->
          m.reply(event, withChallenges(b, m.response(request, Response.PROXY_AUTHENTICATION_REQUIRED, null), challenges));
      case AccessDecision.Drop() -> log.debug("{} from {} dropped", method, source.getHostAddress());
    }
  }

  private static Response withChallenges(Bound b, Response r, List<String> challenges) {
    try {
      for (String c : challenges) {
        r.addHeader(b.sip().headers.createHeader("Proxy-Authenticate", c));
      }
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException("cannot build Proxy-Authenticate", e);
    }
  }

  /** The packet's source address: what access control and rate limits are about, not the Via. */
  static InetAddress sourceOf(Request request) {
    if (request instanceof SIPMessage m) {
      InetAddress a = m.getPeerPacketSourceAddress();
      return a != null ? a : m.getRemoteAddress();
    }
    return null;
  }

  private static boolean hasToTag(Request request) {
    return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
  }

  private static String headerValue(String encoded) {
    int colon = encoded.indexOf(':');
    return (colon < 0 ? encoded : encoded.substring(colon + 1)).strip();
  }

  @Override
  public void processResponse(ResponseEvent event) {
    try {
      Bound b = bound;
      if (b == null || !b.channel().onResponse(event)) {
        router.processResponse(event);
      }
    } catch (RuntimeException e) {
      log.warn("response dropped after an internal error", e);
    }
  }

  /** A TLS peer failed the identity check: the request waiting on that connection fails now. */
  @Override
  public void refused(ClientTransaction transaction, String reason) {
    Bound b = bound;
    if (b != null && transaction != null) {
      b.channel().onRefused(transaction, reason);
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    Bound b = bound;
    if (b == null || !b.channel().onTimeout(event)) {
      router.processTimeout(event);
    }
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    router.processDialogTimeout(event);
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    router.processIOException(event);
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {
    router.processTransactionTerminated(event);
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    router.processDialogTerminated(event);
  }
}
