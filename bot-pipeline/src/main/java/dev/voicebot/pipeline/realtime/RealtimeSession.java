package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.actor.Timers;
import dev.voicebot.pipeline.conversation.CallConversation;
import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.conversation.TurnClock;
import dev.voicebot.pipeline.conversation.TurnReporter;
import dev.voicebot.pipeline.conversation.TurnTimings;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.text.Truncate;
import dev.voicebot.pipeline.tools.CallEffect;
import dev.voicebot.pipeline.tools.CallTools;
import dev.voicebot.pipeline.tools.ToolDecision;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.turn.TurnDetector;
import dev.voicebot.pipeline.vad.VadStream;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call answered by a speech-to-speech model over the OpenAI Realtime protocol: a
 * single-threaded actor. The app's threads and the WebSocket's threads only post events (never
 * blocking); one virtual thread handles them in order and owns all state, so there are no locks.
 *
 * <p>The caller's audio streams to the model, whose server VAD takes the turns. Its audio is
 * played as it arrives; when the caller speaks over it (heard first by the local VAD, else by the
 * server's), the bot's audio is cleared at once, the response cancelled and the item truncated to
 * what was heard. Tool effects run once their announcement has been played. Silence gets the
 * dialplan's reprompts, then its goodbye; the maximum call duration its goodbye. If the model
 * becomes unusable (connection lost, fatal error, no answer), the {@link Fallback} takes the call
 * over with a spoken apology; without one, the caller hears the dialplan's apology from the local
 * voice and the bot hangs up.
 *
 * <p>Lifecycle: construct, {@link #start()}, feed events; it ends by the bot hanging up, {@link
 * #onRemoteHangup()} or {@link #close()}, and {@link #finished()} completes once the WebSocket is
 * released.
 */
public final class RealtimeSession implements CallConversation {

  private static final Logger log = LoggerFactory.getLogger(RealtimeSession.class);

  static final int FRAME_SAMPLES = 320;
  /** 1 s of caller audio: far more lag than a healthy actor has; beyond it frames are dropped. */
  static final int MAX_QUEUED_FRAMES = 50;
  /** Slack after the estimated end of playout before assuming the drain signal was lost. */
  static final Duration PLAYOUT_SAFETY_MARGIN = Duration.ofSeconds(2);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  /** The ledger's name for the local voice's apology or goodbye, which is no model item and is never truncated. */
  private static final String LOCAL_ITEM = "local-voice";
  /**
   * How long after a local barge-in the server's VAD may take to report the caller's speech
   * before it counts as a false interruption (its own onset needs the prefix padding and more).
   */
  static final Duration BARGE_IN_CONFIRM_WINDOW = Duration.ofMillis(1500);
  /** Errors of this type are about one client event (a cancel with nothing to cancel, say); the session goes on. */
  private static final String REQUEST_ERROR = "invalid_request_error";
  private static final Set<String> FATAL_REQUEST_CODES =
      Set.of("session_expired", "invalid_api_key", "insufficient_quota", "model_not_found");

  private final String callId;
  private final Dialplan dialplan;
  private final RealtimeSettings settings;
  private final RealtimeEngines engines;
  private final CallActions actions;
  private final ConversationListener listener;
  private final CallTools tools;
  private final LocalPipeline local;
  private final LongSupplier clock = System::nanoTime;
  private final Inbox inbox = new Inbox(MAX_QUEUED_FRAMES, FRAME_SAMPLES);
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean over;

  // Everything below is confined to the actor thread.
  private final Timers<SessionTimer> timers = new Timers<>(SessionTimer.class);
  private final CallerUplink uplink = new CallerUplink();
  private final Resampler downlink = Resampler.of(ClientEvents.MODEL_RATE, PlayoutLedger.RATE);
  private final PlayoutLedger ledger = new PlayoutLedger();
  private final Set<String> cancelledResponses = new HashSet<>();
  private final Map<String, String> functionNames = new HashMap<>();
  private final ArrayDeque<PendingEffect> pendingEffects = new ArrayDeque<>();
  private RealtimeState state = RealtimeState.CONNECTING;
  private CompletableFuture<WebSocket> opening;
  private RealtimeSocket socket;
  private CompletableFuture<Void> socketReleased = CompletableFuture.completedFuture(null);
  private String activeResponse;
  private boolean responseHadAudio;
  private int failedResponses;
  /** A tool's output was given to the model while it was still answering: ask it to go on after. */
  private boolean continueAfterResponse;
  private String lastAudioItem = "";
  private String transferCallId = "";
  /** The WebSocket went away while a transfer was in progress; a failed transfer then ends the call. */
  private boolean modelLost;
  private boolean hangUpWhenHeard;
  private long startNanos;
  private TurnClock turn;
  private final TurnReporter turns;
  private final TurnDetector onsetDetector;
  /** The local VAD's stream; null without a local VAD. */
  private VadStream vad;
  /** The local VAD is following the caller (the model's audio is playing). */
  private boolean vadListening;
  /** Between the server's speech_started and speech_stopped. */
  private boolean callerSpeaking;
  private int silencePrompts;

  /** A tool effect waiting for its announcement to be played. */
  private record PendingEffect(String callId, CallEffect effect, String output) {}

  /** A session on the model alone: barge-in by the server's VAD, and a hangup after the apology if the model fails. */
  public RealtimeSession(
      String callId,
      Dialplan dialplan,
      RealtimeSettings settings,
      RealtimeEngines engines,
      CallActions actions,
      ConversationListener listener) {
    this(callId, dialplan, settings, engines, LocalPipeline.none(), actions, listener);
  }

  public RealtimeSession(
      String callId,
      Dialplan dialplan,
      RealtimeSettings settings,
      RealtimeEngines engines,
      LocalPipeline local,
      CallActions actions,
      ConversationListener listener) {
    this.local = Objects.requireNonNull(local, "local");
    ConversationSettings turnTaking = local.settings();
    // Only its onset matters here: the server's VAD ends the caller's turns.
    this.onsetDetector = new TurnDetector(turnTaking.vadOnsetThreshold(), turnTaking.vadOffsetThreshold(),
        turnTaking.minSpeechForBargeIn(), turnTaking.endpointSilence(), turnTaking.shortEndpointSilence(),
        turnTaking.maxUtterance());
    this.callId = Objects.requireNonNull(callId, "callId");
    this.dialplan = Objects.requireNonNull(dialplan, "dialplan");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.turns = new TurnReporter(callId, listener);
    this.tools = new CallTools(dialplan.transferTargets(), List.of(), CallTools.Reported.AFTER_IT_RAN);
  }

  // ---------------------------------------------------------------- the app's side: post and return

  @Override
  public void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    inbox.post(new SessionEvent.Start());
    Thread.ofVirtual().name("realtime-" + callId).start(this::run);
  }

  @Override
  public void onAudioFrame(short[] pcm16k) {
    if (over) {
      return;
    }
    if (!inbox.offerFrame(pcm16k, clock.getAsLong())) {
      long dropped = inbox.droppedFrames();
      if (dropped == 1 || dropped % 500 == 0) {
        log.warn("[{}] realtime session is behind; {} caller frame(s) dropped", callId, dropped);
      }
    }
  }

  @Override
  public void onDtmf(char digit) {
    post(new SessionEvent.Dtmf(digit));
  }

  @Override
  public void onHold(boolean held) {
    post(new SessionEvent.Hold(held));
  }

  @Override
  public void onPlayoutStarted() {
    post(new SessionEvent.PlayoutStarted(clock.getAsLong()));
  }

  @Override
  public void onPlayoutDrained() {
    post(new SessionEvent.PlayoutDrained(clock.getAsLong()));
  }

  @Override
  public void onRemoteHangup() {
    post(new SessionEvent.RemoteHangup());
  }

  @Override
  public void onTransferResult(boolean ok, String detail) {
    post(new SessionEvent.TransferResult(ok, detail == null ? "" : detail));
  }

  @Override
  public CompletableFuture<Void> finished() {
    return finished;
  }

  @Override
  public long droppedFrames() {
    return inbox.droppedFrames();
  }

  /** Caller frames waiting for the session's actor. */
  public int queuedFrames() {
    return inbox.queuedFrames();
  }

  @Override
  public void close() {
    if (started.compareAndSet(false, true)) {
      over = true;
      finished.complete(null);
      return;
    }
    post(new SessionEvent.Shutdown());
  }

  private void post(SessionEvent event) {
    if (!over) {
      inbox.post(event);
    }
  }

  // ---------------------------------------------------------------- the actor

  private void run() {
    try {
      while (state != RealtimeState.ENDED) {
        long now = clock.getAsLong();
        SessionTimer due = timers.pollDue(now);
        if (due != null) {
          dispatch(new SessionEvent.TimerFired(due));
          continue;
        }
        SessionEvent event = inbox.poll(timers.nanosUntilNext(now));
        if (event != null) {
          dispatch(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end("interrupted");
    } catch (Throwable t) {
      log.error("[{}] realtime session failed", callId, t);
      end("failure");
    } finally {
      over = true;
      // Bounded: a server that never answers our close must not hold up the call record.
      socketReleased.orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((ignored, error) -> finished.complete(null));
    }
  }

  private void dispatch(SessionEvent event) {
    try {
      handle(event);
    } catch (RuntimeException e) {
      // One bad event (a throwing listener, an odd server message) must not kill the call.
      log.error("[{}] failed handling {} in {}", callId, event.getClass().getSimpleName(), state, e);
    }
  }

  private void handle(SessionEvent event) {
    switch (event) {
      case SessionEvent.Start s -> onStart();
      case SessionEvent.Frame frame -> {
        try {
          onFrame(frame);
        } finally {
          inbox.recycle(frame.samples());
        }
      }
      case SessionEvent.Dtmf dtmf -> onKey(dtmf.digit());
      case SessionEvent.Hold hold -> onHoldChanged(hold.held());
      case SessionEvent.PlayoutStarted p -> {
        ledger.started(p.nanos());
        turns.playoutStarted(p.nanos());
      }
      case SessionEvent.PlayoutDrained d -> onDrained(d.nanos());
      case SessionEvent.RemoteHangup r -> end("remote hangup");
      case SessionEvent.Shutdown s -> end("closed");
      case SessionEvent.TransferResult t -> onTransferOutcome(t.ok(), t.detail());
      case SessionEvent.Connected c -> onConnected(c.socket());
      case SessionEvent.ConnectFailed f -> {
        if (state == RealtimeState.CONNECTING) {
          fatal("could not connect: " + describe(f.error()));
        }
      }
      case SessionEvent.Server s -> onServer(s.event(), s.nanos());
      case SessionEvent.SocketClosed c -> {
        if (socket != null) {
          fatal("the server closed the connection (" + c.code() + " " + shorten(c.reason()) + ")");
        }
      }
      case SessionEvent.SocketFailed f -> {
        if (socket != null) {
          fatal("the connection failed: " + describe(f.error()));
        }
      }
      case SessionEvent.LocalSpeechReady a -> onLocalSpeechReady(a.pcm16k());
      case SessionEvent.LocalSpeechFailed a -> {
        if (state == RealtimeState.ENDING && !hangUpWhenHeard) {
          log.error("[{}] the local voice failed too; hanging up rather than leaving dead air", callId, a.error());
          hangUp("local voice failed");
        }
      }
      case SessionEvent.TimerFired t -> onTimer(t.timer());
    }
  }

  private void onStart() {
    startNanos = clock.getAsLong();
    report(state);
    timers.arm(SessionTimer.CALL_LIMIT, startNanos + local.settings().maxCallDuration().toNanos());
    local.vad().ifPresent(detector -> {
      try {
        vad = detector.openStream();
      } catch (RuntimeException e) {
        log.warn("[{}] no local VAD stream; barge-in waits for the server's VAD", callId, e);
      }
    });
    Optional<String> apiKey = Optional.empty();
    if (settings.apiKeyEnv().isPresent()) {
      String name = settings.apiKeyEnv().get();
      apiKey = Optional.ofNullable(engines.environment().apply(name)).filter(key -> !key.isBlank());
      if (apiKey.isEmpty()) {
        fatal("the API key variable " + name + " is not set");
        return;
      }
    }
    timers.arm(SessionTimer.CONNECT, startNanos + settings.timeouts().connect().toNanos());
    try {
      opening = RealtimeSocket.connect(engines.http(), settings.endpoint(), apiKey, settings.timeouts().connect(),
          this::post, clock);
    } catch (RuntimeException e) {
      fatal("could not connect: " + describe(e));
    }
  }

  private void onConnected(RealtimeSocket connected) {
    if (state != RealtimeState.CONNECTING) {
      connected.abort(); // too late: the call is ending or ended
      return;
    }
    socket = connected;
    opening = null;
    timers.cancel(SessionTimer.CONNECT);
    log.info("[{}] realtime model {} connected", callId, settings.model());
    socket.send(ClientEvents.sessionUpdate(settings, tools.specs()));
    socket.send(ClientEvents.responseCreate(greetingInstructions()));
    turn = TurnClock.event(startNanos);
    timers.arm(SessionTimer.REPLY, clock.getAsLong() + settings.timeouts().reply().toNanos());
    setState(RealtimeState.GREETING);
  }

  /** The greeting's instructions replace the session's for that one response, so they repeat the persona. */
  private String greetingInstructions() {
    String greet = dialplan.greeting().isBlank()
        ? "Greet the caller briefly."
        : "Greet the caller now by saying: " + dialplan.greeting();
    return settings.instructions() + "\n\nThe call has just been answered. " + greet;
  }

  // ---------------------------------------------------------------- caller side

  private void onFrame(SessionEvent.Frame frame) {
    if (socket == null || !conversing()) {
      return; // not connected yet, or nothing the caller says changes a transfer or the ending
    }
    hearLocally(frame);
    uplink.accept(frame.samples(), frame.length(), frame.receivedNanos()).ifPresent(base64 -> {
      if (!socket.sendAudio(ClientEvents.appendAudio(base64))) {
        long dropped = socket.droppedAudio();
        if (dropped == 1 || dropped % 100 == 0) {
          log.warn("[{}] the link to the model is behind; {} caller audio batch(es) dropped", callId, dropped);
        }
      }
    });
  }

  /**
   * Runs the local VAD while the model's audio plays: a confirmed onset stops the bot at once,
   * without waiting for the server's VAD event to travel back. Between replies the VAD rests (the
   * server's VAD takes the turns), and starts afresh with the next one.
   */
  private void hearLocally(SessionEvent.Frame frame) {
    if (vad == null) {
      return;
    }
    if (!ledger.busy()) {
      vadListening = false;
      return;
    }
    if (!vadListening) {
      vad.reset();
      onsetDetector.reset();
      vadListening = true;
    }
    float probability = vad.accept(frame.samples(), 0, frame.length());
    long frameNanos = frame.length() * (1_000_000_000L / PlayoutLedger.RATE);
    if (onsetDetector.onFrame(probability, frameNanos) == TurnDetector.Signal.SPEECH_STARTED) {
      vadListening = false;
      timers.cancel(SessionTimer.REPLY);
      bargeIn("local VAD");
      continueAfterResponse = false;
      setState(RealtimeState.LISTENING);
      if (!callerSpeaking) {
        timers.arm(SessionTimer.BARGE_IN_CONFIRM, clock.getAsLong() + BARGE_IN_CONFIRM_WINDOW.toNanos());
      }
    }
  }

  private void onKey(char digit) {
    if (socket == null || !conversing()) {
      return;
    }
    silencePrompts = 0;
    bargeIn("key press");
    // The model hears no DTMF; a key press is told to it in words, as the caller's turn.
    socket.send(ClientEvents.userText("The caller pressed the key " + digit + " on their phone keypad."));
    awaitReply(TurnClock.event(clock.getAsLong()));
  }

  /**
   * Hold pauses the conversation: the model's reply is stopped (and truncated to what was heard),
   * nothing the line carries meanwhile (hold music) reaches the model, and no silence reprompt
   * runs. Off hold, the caller has the floor again.
   */
  private void onHoldChanged(boolean held) {
    if (held && conversing()) {
      if (socket != null) {
        bargeIn("hold");
        socket.send(ClientEvents.clearInput());
      }
      timers.cancel(SessionTimer.REPLY);
      timers.cancel(SessionTimer.BARGE_IN_CONFIRM);
      callerSpeaking = false;
      continueAfterResponse = false;
      vadListening = false;
      setState(RealtimeState.ON_HOLD);
    } else if (!held && state == RealtimeState.ON_HOLD) {
      setState(RealtimeState.LISTENING);
    }
  }

  private void onCallerStartedSpeaking() {
    callerSpeaking = true;
    silencePrompts = 0;
    timers.cancel(SessionTimer.SILENCE);
    timers.cancel(SessionTimer.BARGE_IN_CONFIRM);
    timers.cancel(SessionTimer.REPLY);
    bargeIn("caller speech");
    // The server answers the caller's new turn by itself (server VAD creates the response).
    continueAfterResponse = false;
    setState(RealtimeState.LISTENING);
  }

  private void onCallerStoppedSpeaking(ServerEvent.SpeechStopped stopped, long nanos) {
    callerSpeaking = false;
    turn = TurnClock.speech(uplink.arrivalOf(stopped.audioEndMs(), nanos), nanos);
    timers.arm(SessionTimer.REPLY, nanos + settings.timeouts().reply().toNanos());
    setState(RealtimeState.THINKING);
  }

  /**
   * The caller interrupted: silence the bot at once, stop the model, and make the model's memory
   * of its interrupted answer end where the caller stopped hearing it.
   */
  private void bargeIn(String why) {
    long now = clock.getAsLong();
    if (ledger.busy()) {
      var heard = ledger.heardAt(now);
      actions.clearPlayout();
      ledger.cleared(now);
      downlink.reset();
      for (PlayoutLedger.Heard h : heard) {
        socket.send(ClientEvents.truncate(h.itemId(), h.contentIndex(), h.audioEndMs()));
      }
      log.debug("[{}] barge-in ({}): bot audio cleared, truncated {}", callId, why, heard);
    }
    if (activeResponse != null && cancelledResponses.add(activeResponse)) {
      socket.send(ClientEvents.responseCancel());
    }
    timers.cancel(SessionTimer.PLAYOUT_SAFETY);
    dropPendingEffects("the caller spoke before it happened");
  }

  /** Tool effects not yet run are dropped when the caller interrupts their announcement; the model is told. */
  private void dropPendingEffects(String why) {
    for (PendingEffect pending : pendingEffects) {
      socket.send(ClientEvents.functionOutput(pending.callId(), "Not done: " + why + "."));
    }
    pendingEffects.clear();
  }

  // ---------------------------------------------------------------- model side

  private void onServer(ServerEvent event, long nanos) {
    if (state == RealtimeState.ENDING || state == RealtimeState.ENDED || socket == null) {
      return;
    }
    if (state == RealtimeState.TRANSFERRING) {
      if (event instanceof ServerEvent.ResponseDone) {
        activeResponse = null;
      }
      return; // the call is leaving; nothing the model says now is played
    }
    switch (event) {
      case ServerEvent.SessionReady ready -> log.debug("[{}] {}", callId, ready.type());
      case ServerEvent.SpeechStarted s -> onCallerStartedSpeaking();
      case ServerEvent.SpeechStopped stopped -> onCallerStoppedSpeaking(stopped, nanos);
      case ServerEvent.ResponseCreated created -> {
        activeResponse = created.responseId();
        responseHadAudio = false;
        if (turn != null && turn.reply == TurnTimings.NOT_MEASURED) {
          turn.reply = nanos;
        }
      }
      case ServerEvent.OutputItemAdded item -> {
        if ("function_call".equals(item.itemType()) && !item.name().isEmpty()) {
          functionNames.put(item.itemId(), item.name());
        }
      }
      case ServerEvent.AudioDelta delta -> onAudio(delta, nanos);
      case ServerEvent.AudioTranscriptDone said -> transcript(Speaker.BOT, said.transcript());
      case ServerEvent.InputTranscript heard -> transcript(Speaker.CALLER, heard.transcript());
      case ServerEvent.FunctionCall call -> onFunctionCall(call);
      case ServerEvent.ResponseDone done -> onResponseDone(done);
      case ServerEvent.Error error -> onError(error);
      case ServerEvent.Ignored ignored -> log.trace("[{}] ignored {}", callId, ignored.type());
      case ServerEvent.Malformed bad -> log.warn("[{}] malformed server event: {}", callId, bad.why());
    }
  }

  private void onAudio(ServerEvent.AudioDelta delta, long nanos) {
    if (cancelledResponses.contains(delta.responseId())) {
      return; // already on its way when the caller interrupted
    }
    if (!delta.itemId().equals(lastAudioItem)) {
      downlink.reset(); // one item's tail must not ring into the next
      lastAudioItem = delta.itemId();
    }
    short[] pcm = downlink.process(delta.pcm24k());
    if (pcm.length == 0) {
      return;
    }
    long now = clock.getAsLong();
    actions.play(pcm);
    ledger.queued(delta.itemId(), delta.contentIndex(), pcm.length, now);
    responseHadAudio = true;
    timers.cancel(SessionTimer.REPLY);
    if (turn != null && turn.firstAudioQueued == TurnTimings.NOT_MEASURED) {
      turn.ttsFirstAudio = nanos;
      turn.firstAudioQueued = now;
      TurnClock reported = turn;
      turn = null;
      turns.report(reported); // completed by the first RTP packet of this audio
    }
    if (state != RealtimeState.GREETING) {
      setState(RealtimeState.SPEAKING);
    }
  }

  private void onFunctionCall(ServerEvent.FunctionCall call) {
    timers.cancel(SessionTimer.REPLY);
    String name = call.name().isEmpty() ? functionNames.getOrDefault(call.itemId(), "") : call.name();
    if (cancelledResponses.contains(call.responseId())) {
      socket.send(ClientEvents.functionOutput(call.callId(), "Not done: the caller interrupted."));
      return;
    }
    ToolDecision decision = tools.decide(name, call.arguments());
    switch (decision) {
      case ToolDecision.Refuse refuse -> {
        log.info("[{}] refused the model's {} call", callId, shorten(name));
        socket.send(ClientEvents.functionOutput(call.callId(), refuse.result()));
        continueAfterResponse = true;
        if (activeResponse == null) {
          continueNow();
        }
      }
      case ToolDecision.Act act -> {
        log.info("[{}] the model asked for {}; it runs once its announcement is heard", callId, act.effect());
        pendingEffects.addLast(new PendingEffect(call.callId(), act.effect(), act.result()));
        if (activeResponse == null) {
          runEffectsWhenHeard();
        }
      }
      case ToolDecision.CallWebhook hook ->
          throw new IllegalStateException("a realtime session offers no webhooks, yet " + hook.tool().name() + " was decided");
    }
  }

  private void onResponseDone(ServerEvent.ResponseDone done) {
    cancelledResponses.remove(done.responseId());
    activeResponse = null;
    timers.cancel(SessionTimer.REPLY);
    if (state == RealtimeState.ON_HOLD) {
      return; // the reply was cancelled for the hold; the caller speaks first when back
    }
    if ("failed".equals(done.status())) {
      failedResponses++;
      log.warn("[{}] the model's response failed ({})", callId, shorten(done.reason()));
      if (!responseHadAudio && pendingEffects.isEmpty()) {
        if (failedResponses >= 2) {
          fatal("the model failed to answer twice (" + shorten(done.reason()) + ")");
          return;
        }
        // Nothing was said, so asking again cannot make the bot repeat itself.
        socket.send(ClientEvents.responseCreate());
        timers.arm(SessionTimer.REPLY, clock.getAsLong() + settings.timeouts().reply().toNanos());
        return;
      }
    } else if ("completed".equals(done.status())) {
      failedResponses = 0;
    }
    if (!pendingEffects.isEmpty()) {
      runEffectsWhenHeard();
    } else if (continueAfterResponse) {
      continueNow();
    } else if (!ledger.busy() && (speaking() || state == RealtimeState.THINKING)) {
      setState(RealtimeState.LISTENING); // said nothing, or all of it has been heard already
    }
  }

  private void onError(ServerEvent.Error error) {
    boolean fatal = !REQUEST_ERROR.equals(error.errorType()) || FATAL_REQUEST_CODES.contains(error.code());
    String what = error.errorType() + "/" + error.code() + ": " + shorten(error.message());
    if (fatal) {
      fatal("server error " + what);
    } else {
      log.warn("[{}] the server rejected a client event ({})", callId, what);
    }
  }

  private void transcript(Speaker speaker, String text) {
    if (!text.isBlank()) {
      listener.onTranscript(callId, speaker, text.strip());
    }
  }

  /** Asks the model to go on (after a tool output), as a new turn. */
  private void continueNow() {
    continueAfterResponse = false;
    awaitReply(TurnClock.event(clock.getAsLong()));
  }

  private void awaitReply(TurnClock next) {
    turn = next;
    if (activeResponse != null) {
      continueAfterResponse = true; // one response at a time: ask once the current one is done
    } else {
      socket.send(ClientEvents.responseCreate());
    }
    timers.arm(SessionTimer.REPLY, clock.getAsLong() + settings.timeouts().reply().toNanos());
    setState(RealtimeState.THINKING);
  }

  /** Asks the model to say {@code text} now, in its own voice, as a turn of its own. */
  private void sayThroughModel(String situation, String text) {
    turn = TurnClock.event(clock.getAsLong());
    // A response's instructions replace the session's for that response, so they repeat the persona.
    socket.send(ClientEvents.responseCreate(settings.instructions() + "\n\n" + situation
        + " Say exactly this, and nothing else: " + text));
    timers.arm(SessionTimer.REPLY, clock.getAsLong() + settings.timeouts().reply().toNanos());
    setState(RealtimeState.THINKING);
  }

  // ---------------------------------------------------------------- tool effects, after their announcement

  private void runEffectsWhenHeard() {
    if (activeResponse != null) {
      return; // more of the announcement may still come
    }
    if (ledger.busy()) {
      timers.arm(SessionTimer.PLAYOUT_SAFETY, ledger.estimatedEndNanos() + PLAYOUT_SAFETY_MARGIN.toNanos());
      return;
    }
    timers.cancel(SessionTimer.PLAYOUT_SAFETY);
    boolean sentOutput = false;
    while (!pendingEffects.isEmpty()) {
      PendingEffect pending = pendingEffects.removeFirst();
      switch (pending.effect()) {
        case CallEffect.SendDtmf dtmf -> {
          actions.sendDtmf(dtmf.digits());
          socket.send(ClientEvents.functionOutput(pending.callId(), pending.output()));
          sentOutput = true;
        }
        case CallEffect.EndCall end -> {
          pendingEffects.clear();
          hangUp("the model ended the call");
          return;
        }
        case CallEffect.Transfer transfer -> {
          pendingEffects.clear();
          log.info("[{}] transferring the caller to {}", callId, transfer.target());
          transferCallId = pending.callId();
          actions.transfer(transfer.sipUri());
          setState(RealtimeState.TRANSFERRING);
          timers.arm(SessionTimer.TRANSFER, clock.getAsLong() + settings.timeouts().transfer().toNanos());
          return;
        }
      }
    }
    if (sentOutput || continueAfterResponse) {
      continueNow();
    }
  }

  private void onTransferOutcome(boolean ok, String detail) {
    if (state != RealtimeState.TRANSFERRING) {
      return;
    }
    timers.cancel(SessionTimer.TRANSFER);
    if (ok) {
      log.info("[{}] transfer completed; releasing our leg", callId);
      hangUp("transferred");
      return;
    }
    log.warn("[{}] transfer failed: {}", callId, shorten(detail));
    if (socket == null || modelLost) {
      setState(RealtimeState.LISTENING); // lets fatal() apologize instead of waiting on a transfer
      fatal("the transfer failed and the model is gone");
      return;
    }
    socket.send(ClientEvents.functionOutput(transferCallId,
        "The transfer failed (" + shorten(detail) + "). The caller is still on the line: tell them."));
    setState(RealtimeState.LISTENING);
    awaitReply(TurnClock.event(clock.getAsLong()));
  }

  // ---------------------------------------------------------------- playout

  private void onDrained(long nanos) {
    ledger.drained(nanos);
    if (!ledger.busy()) {
      onAllPlayed();
    }
  }

  /** Everything queued has been played to the caller. */
  private void onAllPlayed() {
    timers.cancel(SessionTimer.PLAYOUT_SAFETY);
    if (state == RealtimeState.ENDING) {
      if (hangUpWhenHeard) {
        hangUp("apology played");
      }
      return;
    }
    if (!pendingEffects.isEmpty()) {
      runEffectsWhenHeard();
    } else if (speaking() && activeResponse == null) {
      setState(RealtimeState.LISTENING);
    }
  }

  private void onTimer(SessionTimer timer) {
    switch (timer) {
      case CONNECT -> {
        if (state == RealtimeState.CONNECTING) {
          fatal("no connection within " + settings.timeouts().connect());
        }
      }
      case REPLY -> {
        if (conversing()) {
          fatal("no answer from the model within " + settings.timeouts().reply());
        }
      }
      case PLAYOUT_SAFETY -> {
        log.warn("[{}] no playout-drained signal in time; assuming the bot's audio was played", callId);
        ledger.assumePlayed();
        onAllPlayed();
      }
      case TRANSFER -> onTransferOutcome(false, "no outcome within " + settings.timeouts().transfer());
      case LOCAL_SPEECH -> {
        if (state == RealtimeState.ENDING && !hangUpWhenHeard) {
          log.warn("[{}] the local voice was not ready in time; hanging up", callId);
          hangUp("local voice too slow");
        }
      }
      case SILENCE -> onSilence();
      case CALL_LIMIT -> {
        if (conversing() || state == RealtimeState.ON_HOLD) {
          log.info("[{}] maximum call duration reached", callId);
          sayGoodbyeLocally();
        }
      }
      case BARGE_IN_CONFIRM -> {
        if (state == RealtimeState.LISTENING && !callerSpeaking && socket != null) {
          log.info("[{}] the server heard no speech after the local barge-in; the model goes on", callId);
          awaitReply(TurnClock.event(clock.getAsLong()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- failure and ending

  /**
   * The model cannot be used any more. With a {@link Fallback}, the local pipeline takes the call
   * over (it says the apology and goes on listening); without one, the caller hears the dialplan's
   * apology from the local voice, then the bot hangs up. Never silence: without a local voice
   * either, it hangs up at once.
   */
  private void fatal(String reason) {
    if (state == RealtimeState.ENDING || state == RealtimeState.ENDED) {
      return;
    }
    if (state == RealtimeState.TRANSFERRING) {
      log.warn("[{}] lost the realtime model during a transfer ({}); the transfer goes on", callId, reason);
      modelLost = true;
      releaseSocket();
      return;
    }
    if (local.fallback().isPresent()) {
      log.error("[{}] realtime model unusable ({}); the local pipeline takes the call over", callId, reason);
      stopModel();
      local.fallback().get().takeOver();
      end("handed over to the local pipeline");
      return;
    }
    log.error("[{}] realtime model unusable ({}); apologizing and hanging up", callId, reason);
    sayLocallyThenHangUp(dialplan.apology());
  }

  /** The maximum call duration or the silence limit: the dialplan's goodbye, then the bot hangs up. */
  private void sayGoodbyeLocally() {
    // The local voice (its prompt cache: no delay), not the model: the goodbye must come whatever the model does.
    sayLocallyThenHangUp(dialplan.goodbye());
  }

  /** Silences the model at once and lets go of it: nothing it sends is played any more. */
  private void stopModel() {
    long now = clock.getAsLong();
    timers.clear();
    pendingEffects.clear();
    if (ledger.busy()) {
      actions.clearPlayout(); // cut mid-word anyway: what follows is said at once
      ledger.cleared(now);
    }
    releaseSocket();
  }

  private void sayLocallyThenHangUp(String text) {
    stopModel();
    setState(RealtimeState.ENDING);
    Optional<SpeechSynthesizer> voice = engines.localVoice();
    if (voice.isEmpty()) {
      hangUp("no local voice");
      return;
    }
    transcript(Speaker.BOT, text);
    timers.arm(SessionTimer.LOCAL_SPEECH, clock.getAsLong() + settings.timeouts().apology().toNanos());
    try {
      engines.synthesis().execute(() -> {
        try {
          post(new SessionEvent.LocalSpeechReady(voice.get().synthesize(text)));
        } catch (Exception e) {
          post(new SessionEvent.LocalSpeechFailed(e));
        }
      });
    } catch (RejectedExecutionException e) {
      hangUp("no thread for the local voice");
    }
  }

  private void onLocalSpeechReady(short[] pcm) {
    if (state != RealtimeState.ENDING || hangUpWhenHeard) {
      return;
    }
    timers.cancel(SessionTimer.LOCAL_SPEECH);
    long now = clock.getAsLong();
    actions.play(pcm);
    ledger.queued(LOCAL_ITEM, 0, pcm.length, now);
    hangUpWhenHeard = true;
    timers.arm(SessionTimer.PLAYOUT_SAFETY, ledger.estimatedEndNanos() + PLAYOUT_SAFETY_MARGIN.toNanos());
  }

  /**
   * The caller said nothing since the bot finished: the model says the dialplan's reprompt, and
   * after as many reprompts in a row as the dialplan allows, the goodbye follows.
   */
  private void onSilence() {
    if (state != RealtimeState.LISTENING || callerSpeaking || activeResponse != null || socket == null) {
      return;
    }
    silencePrompts++;
    if (silencePrompts > dialplan.silence().maxPrompts()) {
      log.info("[{}] the caller stayed silent after {} reprompt(s)", callId, silencePrompts - 1);
      sayGoodbyeLocally();
      return;
    }
    sayThroughModel("The caller has said nothing for a while.", dialplan.silence().prompt());
  }

  private void hangUp(String reason) {
    log.info("[{}] bot hangs up", callId);
    actions.hangup();
    end(reason);
  }

  /** Stops everything at once; no call action happens after this. */
  private void end(String reason) {
    if (state == RealtimeState.ENDED) {
      return;
    }
    log.info("[{}] realtime session ends: {}", callId, reason);
    over = true;
    timers.clear();
    pendingEffects.clear();
    turns.flush();
    releaseSocket();
    if (vad != null) {
      vad.close();
      vad = null;
    }
    setState(RealtimeState.ENDED);
  }

  private void releaseSocket() {
    if (socket != null) {
      socketReleased = socket.close();
      socket = null;
    } else if (opening != null) {
      // Still connecting: a connection that opens after all is dropped at once.
      opening.thenAccept(WebSocket::abort);
      opening = null;
    }
  }

  // ---------------------------------------------------------------- states

  private boolean conversing() {
    return switch (state) {
      case GREETING, LISTENING, THINKING, SPEAKING -> true;
      case CONNECTING, ON_HOLD, TRANSFERRING, ENDING, ENDED -> false;
    };
  }

  private boolean speaking() {
    return state == RealtimeState.SPEAKING || state == RealtimeState.GREETING;
  }

  private void setState(RealtimeState next) {
    if (next != state) {
      state = next;
      if (next == RealtimeState.LISTENING && !callerSpeaking) {
        // The floor is the caller's and they are quiet: the dialplan's silence timeout runs.
        timers.arm(SessionTimer.SILENCE, clock.getAsLong() + dialplan.silence().timeout().toNanos());
      } else if (next != RealtimeState.LISTENING) {
        timers.cancel(SessionTimer.SILENCE);
      }
      report(next);
    }
  }

  private void report(RealtimeState current) {
    try {
      listener.onStateChanged(callId, current.name());
    } catch (RuntimeException e) {
      log.warn("[{}] listener failed on state change", callId, e);
    }
  }

  /** An exception for a log line: its type and message, never headers or URLs with credentials. */
  private static String describe(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + shorten(message));
  }

  /** Model- or server-written text quoted into logs or back to the model stays short. */
  private static String shorten(String text) {
    return Truncate.to(60, text);
  }
}
