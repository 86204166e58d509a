package dev.voicebot.sip;

import dev.voicebot.sip.sdp.SdpAnswerWriter;
import dev.voicebot.sip.sdp.SdpNegotiator;
import dev.voicebot.sip.sdp.SdpOfferWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's SIP user agent server. Start it once, close it once; close is safe from any thread,
 * before, during or after start.
 */
public final class SipUserAgent implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SipUserAgent.class);

  /** Long enough for a 200 to our BYEs on a live network, short enough for a rolling restart. */
  private static final Duration BYE_WAIT = Duration.ofSeconds(2);

  private static final Duration CALLBACK_WAIT = Duration.ofSeconds(5);

  private enum Phase {
    NEW,
    RUNNING,
    CLOSED
  }

  private final SipConfig config;
  private final CallHandler handler;
  private final DialogSettings dialog;
  private final CallRegistry registry = new CallRegistry();
  private final PendingByes pendingByes = new PendingByes();

  // Guarded by "this": start and close serialize, so close never races a half-built stack.
  private Phase phase = Phase.NEW;
  private JainSipStack stack;
  private SipRequestRouter router;
  private ExecutorService virtualThreads;
  private ScheduledExecutorService timers;

  public SipUserAgent(SipConfig config, CallHandler handler) {
    this(config, handler, DialogSettings.defaults());
  }

  /** @param dialog session-timer and transfer timing of established calls */
  public SipUserAgent(SipConfig config, CallHandler handler, DialogSettings dialog) {
    this.config = Objects.requireNonNull(config, "config");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.dialog = Objects.requireNonNull(dialog, "dialog");
  }

  public synchronized void start() throws SipStartException {
    switch (phase) {
      case RUNNING -> throw new IllegalStateException("already started");
      case CLOSED -> throw new IllegalStateException("closed");
      case NEW -> {}
    }
    phase = Phase.CLOSED; // Until proven otherwise: a failed start leaves nothing to close.
    SdpNegotiator negotiator = new SdpNegotiator(config.codecPreference(), config.codecOrder());
    SdpOfferWriter offerWriter = new SdpOfferWriter(config.codecPreference());
    SipRequestRouter r = new SipRequestRouter(negotiator);
    JainSipStack s = JainSipStack.open(config, r);
    ExecutorService threads = Executors.newThreadPerTaskExecutor(
        Thread.ofVirtual().name("sip-call-", 0).factory());
    // Daemon: a deadline must never keep the JVM alive; it only hands work to a virtual thread.
    ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("sip-timers").daemon().factory());
    r.bind(
        new CallContext(
            config,
            handler,
            new SipMessages(s, config),
            new SdpAnswerWriter(),
            registry,
            pendingByes,
            threads,
            negotiator,
            offerWriter,
            dialog,
            dialog.sessionTimerPolicy(),
            deadlines));
    stack = s;
    router = r;
    virtualThreads = threads;
    timers = deadlines;
    phase = Phase.RUNNING;
  }

  /** Calls between INVITE and end (including ones still being decided). */
  public int activeCalls() {
    return registry.size();
  }

  /** BYEs every established call, refuses undecided ones with 503, then stops the stack. */
  @Override
  public synchronized void close() {
    if (phase != Phase.RUNNING) {
      phase = Phase.CLOSED;
      return;
    }
    phase = Phase.CLOSED;
    router.refuseNewCalls();
    for (InboundCallSession call : registry.snapshot()) {
      call.shutdown();
    }
    try {
      if (!pendingByes.awaitNone(BYE_WAIT)) {
        log.warn("closing with BYEs unanswered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
    stack.close();
    virtualThreads.shutdown();
    try {
      if (!virtualThreads.awaitTermination(CALLBACK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("call handler callbacks still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("SIP user agent on port {} closed", config.port());
  }
}
