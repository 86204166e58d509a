package dev.voicebot.sip;

import dev.voicebot.sip.access.AllowList;
import dev.voicebot.sip.access.RateLimitCounts;
import dev.voicebot.sip.access.SourceRatePolicy;
import dev.voicebot.sip.register.Registrations;
import dev.voicebot.sip.register.TrunkStatus;
import dev.voicebot.sip.sdp.SdpAnswerWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
  private RequestGate gate;
  private volatile SourceRatePolicy ratePolicy;
  private volatile Registrations registrations;

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
    TrunkAttribution trunks = EdgePolicy.trunkAttribution(config);
    CallMedia media = CallMedia.of(config, trunks);
    SipRequestRouter r = new SipRequestRouter(media);
    AllowList allowed = EdgePolicy.allowedSources(config, trunks);
    SourceRatePolicy rates = EdgePolicy.ratePolicy(config, allowed);
    RequestGate g = new RequestGate(r, EdgePolicy.accessControl(config, allowed), rates);
    JainSipStack s = JainSipStack.open(config, g, g);
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
            dialog,
            dialog.sessionTimerPolicy(),
            deadlines));
    StackChannel channel = new StackChannel(s, config);
    g.bind(new RequestGate.Bound(s, new SipMessages(s, config), channel, registry));
    stack = s;
    ratePolicy = rates;
    router = r;
    gate = g;
    virtualThreads = threads;
    timers = deadlines;
    registrations =
        Registrations.start(
            config.trunks(), config.registrationTiming(), channel, Clock.systemUTC());
    phase = Phase.RUNNING;
  }

  /** Every configured trunk's registration and reachability, for status endpoints and logs. */
  public List<TrunkStatus> registrations() {
    Registrations regs = registrations;
    return regs == null ? List.of() : regs.statuses();
  }

  /**
   * Graceful shutdown: un-REGISTERs from trunks (so they send new calls elsewhere), answers new
   * INVITEs and OPTIONS with 503 + Retry-After, lets active calls run until {@code deadline},
   * then BYEs what remains and closes. Blocks the caller until closed; a no-op unless running.
   */
  public void drain(Duration deadline) {
    RequestGate g;
    Registrations regs;
    synchronized (this) {
      if (phase != Phase.RUNNING) {
        return;
      }
      g = gate;
      regs = registrations;
    }
    g.startDraining();
    log.info("draining: {} active calls have {} s to finish", registry.size(), deadline.toSeconds());
    regs.close();
    long end = System.nanoTime() + deadline.toNanos();
    try {
      while (registry.size() > 0 && System.nanoTime() - end < 0) {
        Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (registry.size() > 0) {
      log.info("drain deadline reached: hanging up {} calls", registry.size());
    }
    close();
  }

  /** Whether {@link #drain} has begun: new calls are refused while active ones finish. */
  public synchronized boolean isDraining() {
    return gate != null && gate.isDraining();
  }

  /** Requests the per-source rate limit stopped since start (zeros before start). */
  public RateLimitCounts rateLimited() {
    SourceRatePolicy p = ratePolicy;
    return p == null ? new RateLimitCounts(0, 0) : p.counts();
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
    // Un-REGISTER before the stack stops: it needs the stack to send and hear the answer.
    registrations.close();
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
