package dev.voicebot.app.call;

import dev.voicebot.app.dialplan.DialplanRegistry;
import dev.voicebot.app.dialplan.LoadedDialplan;
import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.app.records.Outcome;
import dev.voicebot.pipeline.conversation.CallConversation;
import dev.voicebot.pipeline.conversation.Conversation;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Engines;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.realtime.RealtimeEngines;
import dev.voicebot.pipeline.realtime.RealtimeCall;
import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpBridge;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.sip.CallAcceptance;
import dev.voicebot.sip.CallHandler;
import dev.voicebot.sip.EndReason;
import dev.voicebot.sip.InboundCall;
import dev.voicebot.sip.NegotiatedMedia;
import dev.voicebot.sip.sdp.MediaDirection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers calls with the bot of the called number's dialplan. Runs on the SIP user agent's
 * virtual threads; admission (the concurrent call limit) is decided here because only the app
 * knows what a call costs.
 */
public final class BotCallHandler implements CallHandler {

  private static final Logger log = LoggerFactory.getLogger(BotCallHandler.class);

  private final DialplanRegistry dialplans;
  private final RtpBridge rtpBridge;
  private final InetAddress mediaAddress;
  private final Engines engines;
  private final RealtimeEngines realtimeEngines;
  private final ConversationSettings settings;
  private final ConversationListener listener;
  private final CallRecordStore records;
  private final Recordings recordings;
  private final Admission admission;
  private final WhenFull whenFull;
  private final CallMetrics metrics;
  private final Clock clock;
  private final boolean mediaOnly;
  private final Map<String, ActiveCall> calls = new ConcurrentHashMap<>();

  public BotCallHandler(
      DialplanRegistry dialplans,
      RtpBridge rtpBridge,
      InetAddress mediaAddress,
      Engines engines,
      RealtimeEngines realtimeEngines,
      ConversationSettings settings,
      ConversationListener listener,
      CallRecordStore records,
      Recordings recordings,
      CallLimits limits,
      WhenFull whenFull,
      CallMetrics metrics,
      Clock clock,
      boolean mediaOnly) {
    this.dialplans = dialplans;
    this.rtpBridge = rtpBridge;
    this.mediaAddress = mediaAddress;
    this.engines = engines;
    this.realtimeEngines = realtimeEngines;
    this.settings = settings;
    this.listener = listener;
    this.records = records;
    this.recordings = recordings;
    this.admission = new Admission(limits.maxCalls(), engines.load()::recentLagNanos, limits.maxInferenceLag());
    this.whenFull = whenFull;
    this.metrics = metrics;
    this.clock = clock;
    this.mediaOnly = mediaOnly;
    metrics.activeCalls(calls::size);
  }

  @Override
  public CallAcceptance onInvite(InboundCall call) {
    try (var ignored = MDC.putCloseable("callId", call.callId())) {
      switch (admission.tryAdmit()) {
        case Admission.Admitted a -> { }
        case Admission.Full full -> {
          log.warn("Rejecting call from {}: {} calls already active (limit {})", call.fromUri(), full.active(),
              full.limit());
          metrics.refused("limit", whenFull.status());
          return CallAcceptance.reject(whenFull.status(), whenFull.reason());
        }
        case Admission.Lagging lagging -> {
          log.warn("Rejecting call from {}: the {} active calls' speech recognition is {} ms behind (bound {} ms)",
              call.fromUri(), lagging.active(), lagging.lag().toMillis(), lagging.maxLag().toMillis());
          metrics.refused("lag", whenFull.status());
          return CallAcceptance.reject(whenFull.status(), whenFull.reason());
        }
      }
      RtpSession rtp;
      try {
        rtp = rtpBridge.open();
      } catch (IOException e) {
        admission.release();
        log.error("Rejecting call: no RTP port: {}", e.getMessage());
        metrics.rejected(503);
        return CallAcceptance.reject(503, "No media port available");
      }
      ActiveCall placed = null;
      try {
        LoadedDialplan loaded = dialplans.forNumber(call.toUser());
        placed = new ActiveCall(call, rtp, loaded.dialplan().name(), clock.instant(), records);
        calls.put(call.callId(), placed);
        metrics.mediaStarted(rtp);
        return answer(call, placed, loaded);
      } catch (RuntimeException e) {
        // Whatever failed, the port, the slot and any half-built call must not leak. Once the call
        // is in the map, whoever removes it (here or onEnded) gives the slot back.
        log.error("Rejecting call: could not set it up", e);
        if (placed == null || calls.remove(call.callId()) != null) {
          admission.release();
        }
        metrics.mediaEnded(rtp, rtp.stats(), rtp.quality());
        rtp.close();
        if (placed != null) {
          placed.stopRecording();
        }
        records.ended(call.callId(), clock.instant(), "setup failed: " + e.getMessage(), Outcome.FAILED, null, null,
            null);
        metrics.rejected(500);
        return CallAcceptance.reject(500, "Server Internal Error");
      }
    }
  }

  private CallAcceptance answer(InboundCall call, ActiveCall active, LoadedDialplan loaded) {
    Dialplan dialplan = loaded.dialplan();
    RtpSession rtp = active.rtp();
    records.started(call.callId(), call.fromUri(), call.toUser(), dialplan.name(), active.startedAt());
    if (!ring(active, loaded.answerAfter())) {
      return CallAcceptance.reject(487, "Request Terminated");
    }
    if (loaded.recording()) {
      // Before media starts: the recording begins with the call's first packet either way.
      recordings.open(call.callId(), active.startedAt()).ifPresent(recorder -> {
        active.record(recorder);
        records.recording(call.callId(), recorder.fileName());
      });
    }
    // Without an offer (late offer) the media starts when the caller's answer arrives in the ACK.
    call.media().ifPresent(active::startMedia);
    // Media-only (a benchmark mode): the caller's audio echoed back, no speech pipeline at all.
    CallConversation conversation = mediaOnly ? new EchoConversation(active) : loaded.realtime()
        .<CallConversation>map(rt -> new RealtimeCall(call.callId(), dialplan, rt, realtimeEngines, engines, settings,
            active, listener))
        .orElseGet(() -> new Conversation(call.callId(), dialplan, engines, active, settings, listener));
    active.attach(conversation);
    log.info("Answering call from {} to {} with dialplan '{}' ({} on RTP port {})",
        call.fromUri(), call.toUser(), dialplan.name(),
        call.media().map(m -> m.codec().name()).orElse("late offer"), rtp.localPort());
    metrics.answered();
    return CallAcceptance.accept(new InetSocketAddress(mediaAddress, rtp.localPort()));
  }

  /**
   * Lets the call ring for the dialplan's answer delay (this is a virtual thread: sleeping is
   * cheap). False when the caller gave up meanwhile; {@link #onEnded} has then cleaned up.
   */
  private static boolean ring(ActiveCall active, Duration answerAfter) {
    if (!answerAfter.isZero()) {
      try {
        Thread.sleep(answerAfter);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return !active.isEnded();
  }

  @Override
  public void onMediaChanged(String callId, NegotiatedMedia media, MediaDirection direction) {
    ActiveCall active = calls.get(callId);
    if (active == null) {
      return;
    }
    try (var ignored = MDC.putCloseable("callId", callId)) {
      active.mediaChanged(media, direction);
    }
  }

  @Override
  public void onEstablished(String callId) {
    ActiveCall active = calls.get(callId);
    if (active == null) {
      return;
    }
    try (var ignored = MDC.putCloseable("callId", callId)) {
      active.conversation().start();
      active.conversation().finished().whenComplete((ok, error) -> {
        if (error != null) {
          log.error("Conversation {} failed", callId, error);
        }
        // The bot decided the call is over (goodbye, or a failure): make sure SIP agrees.
        if (!active.isEnded()) {
          active.hangup();
        }
      });
    }
  }

  @Override
  public void onEnded(String callId, EndReason reason) {
    ActiveCall active = calls.remove(callId);
    if (active == null) {
      return;
    }
    admission.release();
    if (!active.markEnded()) {
      return;
    }
    try (var ignored = MDC.putCloseable("callId", callId)) {
      CallConversation conversation = active.conversation();
      if (conversation != null) {
        conversation.onRemoteHangup();
        conversation.close();
      }
      var stats = active.rtp().stats();
      var quality = active.rtp().quality();
      var echo = active.rtp().echoReport();
      active.rtp().close();
      active.stopRecording(); // after the session: no frame arrives once it is closed
      active.echoMeter().erleDb().ifPresent(db -> {
        metrics.echoReturnLossEnhancement(db);
        log.info("Echo return loss enhancement {} dB", String.format("%.1f", db));
      });
      metrics.echo(echo);
      metrics.mediaEnded(active.rtp(), stats, quality);
      records.ended(callId, clock.instant(), describe(reason), outcome(reason), stats, quality, echo);
      metrics.ended(reason.getClass().getSimpleName());
      log.info("Call ended ({}): {} RTP packets in, {} out, {} lost, {} late, {} malformed, {} foreign;"
          + " jitter buffer at {} ms ({} grown, {} shrunk by a frame)",
          describe(reason), stats.packetsReceived(), stats.packetsSent(), stats.packetsLost(),
          stats.packetsLate(), stats.packetsMalformed(), stats.packetsForeign(), stats.jitterTargetMillis(),
          stats.jitterGrows(), stats.jitterShrinks());
    }
  }

  @Override
  public void onDtmf(String callId, char digit) {
    ActiveCall active = calls.get(callId);
    if (active != null) {
      active.onDtmf(digit);
    }
  }

  /**
   * At the call limit, or while the calls' inference lags, the bot takes no new call: OPTIONS say
   * 503 so a dispatcher routes around it.
   */
  @Override
  public boolean acceptsCalls() {
    return admission.accepting();
  }

  /** The most calls this bot takes at once. */
  public int callLimit() {
    return admission.limit();
  }

  public int activeCalls() {
    return calls.size();
  }

  /** Each call in progress's RTP quality so far, by Call-ID (for the live console). */
  public Map<String, CallQuality> liveQuality() {
    var out = new java.util.LinkedHashMap<String, CallQuality>();
    calls.forEach((callId, active) -> out.put(callId, active.rtp().quality()));
    return out;
  }

  static Outcome outcome(EndReason reason) {
    return switch (reason) {
      case EndReason.RemoteBye r -> Outcome.CALLER_HUNG_UP;
      case EndReason.LocalHangup r -> Outcome.BOT_HUNG_UP;
      case EndReason.Cancelled r -> Outcome.CANCELLED;
      case EndReason.Rejected r -> Outcome.REJECTED;
      case EndReason.Timeout t -> Outcome.TIMEOUT;
      case EndReason.NegotiationFailed n -> Outcome.FAILED;
      case EndReason.Transferred t -> Outcome.TRANSFERRED;
      case EndReason.Shutdown s -> Outcome.SHUTDOWN;
    };
  }

  static String describe(EndReason reason) {
    return switch (reason) {
      case EndReason.RemoteBye r -> "caller hung up";
      case EndReason.LocalHangup r -> "bot hung up";
      case EndReason.Cancelled r -> "cancelled before answer";
      case EndReason.Rejected r -> "rejected with " + r.status();
      case EndReason.Timeout t -> "timeout: " + t.what();
      case EndReason.NegotiationFailed n -> "media negotiation failed: " + n.what();
      case EndReason.Transferred t -> "transferred to " + t.target();
      case EndReason.Shutdown s -> "shutdown";
    };
  }
}
