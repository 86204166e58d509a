package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.Backchannels;
import dev.voicebot.pipeline.brain.Brain;
import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.brain.ScriptedBrain;
import dev.voicebot.pipeline.conversation.ConversationEvent.AudioFrame;
import dev.voicebot.pipeline.conversation.ConversationEvent.Dtmf;
import dev.voicebot.pipeline.conversation.ConversationEvent.EchoOnLine;
import dev.voicebot.pipeline.conversation.ConversationEvent.Hold;
import dev.voicebot.pipeline.conversation.ConversationEvent.Llm;
import dev.voicebot.pipeline.conversation.ConversationEvent.LookupDone;
import dev.voicebot.pipeline.conversation.ConversationEvent.PlayoutDrained;
import dev.voicebot.pipeline.conversation.ConversationEvent.PlayoutStarted;
import dev.voicebot.pipeline.conversation.ConversationEvent.RemoteHangup;
import dev.voicebot.pipeline.conversation.ConversationEvent.Shutdown;
import dev.voicebot.pipeline.conversation.ConversationEvent.SpeechFailed;
import dev.voicebot.pipeline.conversation.ConversationEvent.SpeechReady;
import dev.voicebot.pipeline.conversation.ConversationEvent.Start;
import dev.voicebot.pipeline.conversation.ConversationEvent.SttFinal;
import dev.voicebot.pipeline.conversation.ConversationEvent.SttProgress;
import dev.voicebot.pipeline.conversation.ConversationEvent.TimerFired;
import dev.voicebot.pipeline.conversation.ConversationEvent.TransferResult;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.LlmSettings;
import dev.voicebot.pipeline.llm.LlmAction;
import dev.voicebot.pipeline.llm.LlmBrain;
import dev.voicebot.pipeline.tools.CallEffect;
import dev.voicebot.pipeline.turn.Completeness;
import dev.voicebot.pipeline.turn.FrameLevel;
import dev.voicebot.pipeline.stt.Transcript;
import dev.voicebot.pipeline.turn.BargeInDetector;
import dev.voicebot.pipeline.turn.PreRollBuffer;
import dev.voicebot.pipeline.turn.TurnDetector;
import dev.voicebot.pipeline.inference.Shed;
import dev.voicebot.pipeline.vad.VadStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's conversation: a single-threaded actor. The app's threads only post events (never
 * blocking); one virtual thread handles them in order and owns every piece of state, so the
 * conversation logic has no locks. VAD runs inline per frame; recognition and synthesis run on
 * the shared inference pool and come back as events. Timers are deadlines checked by the actor's
 * own poll timeout.
 *
 * <p>Lifecycle: construct, {@link #start()} (greets), feed events, and it ends by the bot hanging
 * up, {@link #onRemoteHangup()} or {@link #close()}; {@link #finished()} completes once the
 * per-call engine streams are closed.
 */
public final class Conversation implements CallConversation {

  private static final Logger log = LoggerFactory.getLogger(Conversation.class);

  static final int SAMPLE_RATE = 16_000;
  static final int FRAME_SAMPLES = 320;
  /** 10 s of audio: far more lag than a healthy actor ever has; beyond it frames are dropped, not queued. */
  static final int MAX_QUEUED_FRAMES = 500;
  /** Audio before the confirmed onset given to the recognizer, so it hears the first syllable. */
  static final Duration PRE_ROLL = Duration.ofMillis(200);
  /**
   * How long after an early barge-in the turn detector has to confirm the caller's speech before
   * the bot resumes: its onset needs 60 ms of probability 0.5 after the 40 ms of the early test,
   * and Silero reached that within 100 ms on every voice measured.
   */
  static final Duration BARGE_IN_CONFIRMATION = Duration.ofMillis(240);
  /**
   * Silence after a turn that gave some of the digits asked for before the bot asks again. The
   * turn itself already waited 1.5 s for more (the digit endpoint), so this is the caller's
   * second chance to go on before being asked for the whole number again.
   */
  static final Duration PARTIAL_DIGITS_TIMEOUT = Duration.ofMillis(2500);
  /**
   * How long the bot's own voice may still come back after it stopped: the longest echo delay the
   * app's canceller looks for (640 ms), rounded up. Until then, on a line whose echo is not known
   * to be absent, only the VAD may start the caller's turn.
   */
  static final Duration ECHO_TAIL = Duration.ofMillis(700);
  /** Slack after the estimated end of playout before assuming the drain signal was lost. */
  static final Duration PLAYOUT_SAFETY_MARGIN = Duration.ofSeconds(2);
  /** How far into a pause the recognizer is asked for its final of the words so far. */
  private static final Duration CHECKPOINT_SILENCE = Duration.ofMillis(120);
  /** Longest wait for a final transcript after the endpoint (well above any local recognizer's p99). */
  static final Duration RECOGNITION_TIMEOUT = Duration.ofSeconds(2);
  /**
   * Longest wait for a final from a recognizer that is behind, not wedged: its work is still
   * queued and the pool is decoding. Answering from a trailing partial instead would lose the
   * caller's last words; admission keeps this wait rare by refusing calls while the lag is high.
   */
  static final Duration RECOGNITION_BEHIND_LIMIT = Duration.ofSeconds(8);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
  /**
   * Longest wait for the app's transfer result before the bot says it could not transfer. Only a
   * safety net for an app that never answers: above sip-ua's own 30 s wait for the final NOTIFY,
   * so a target that rings for a while still gets through.
   */
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(40);

  private final String callId;
  private final Dialplan dialplan;
  private final Engines engines;
  private final CallActions actions;
  private final ConversationSettings settings;
  private final ConversationListener listener;
  private final Brain brain;
  /** Answers the caller's words when the dialplan has a language model; null otherwise. */
  private final LlmBrain llm;
  private final Backchannels backchannels;
  private final LongSupplier clock = System::nanoTime;
  private final Mailbox mailbox = new Mailbox(MAX_QUEUED_FRAMES);
  private final FramePool framePool = new FramePool(64, FRAME_SAMPLES);
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean over;

  // Everything below is confined to the actor thread.
  private final RecognitionFeeder recognition;
  private final BotVoice voice;
  private final TurnDetector turnDetector;
  private final PreRollBuffer preRoll;
  private final short[] preRollScratch;
  private final BargeInDetector fastBargeIn = new BargeInDetector();
  private LineEcho lineEcho = LineEcho.UNKNOWN;
  /**
   * Frames left for the turn detector to confirm the speech that stopped the bot early ({@link
   * BargeInDetector}); -1 when the bot was not stopped that way.
   */
  private int unconfirmedBargeInFrames = -1;
  /** When the bot's audio last stopped (drained or cleared); its echo may trail it for a while. */
  private long botSilentSinceNanos;
  private final Deadlines deadlines = new Deadlines();
  private ConversationState state = ConversationState.GREETING;
  private VadStream vad;
  private Speech speech;
  /** The reply the caller spoke over, until their words confirm the interruption or it resumes. */
  private PausedSpeech paused;
  private long utteranceSeq;
  private boolean utteranceOpen;
  /** Utterances whose final transcript is still to come, oldest first. */
  private final ArrayDeque<Long> awaitingFinals = new ArrayDeque<>();
  /**
   * Words of finished utterances (and of finals within this one) not yet answered because the
   * caller kept talking, with the recognizer's other readings of them.
   */
  private Transcript carried = Transcript.EMPTY_FINAL;
  /**
   * The words so far of the open utterance when the brain judged them a complete answer (then the
   * short endpoint applies), else null. At the endpoint they are answered at once instead of
   * waiting for the recognizer's final: the silence before the endpoint has already given the
   * partial time to catch up, and the final of a complete answer carries the same words (Vosk's
   * small models do no rescoring), so waiting would only add its 50-100 ms to every answer.
   */
  private String completeAnswer;
  /**
   * The words so far of the latest utterance as its partials had them (with the words carried
   * from earlier ones): what is answered if its final does not come back in time, as on a CPU so
   * short that the recognizer falls seconds behind. A partial that trails by a word is a better
   * answer than "Sorry, I did not get that" to a caller who was heard.
   */
  private String heardSoFar = "";
  /** Whether the recognizer was asked for a checkpoint in the caller's current pause. */
  private boolean checkpointed;
  /** Whether a checkpoint's words are still to come back from the recognizer. */
  private boolean checkpointPending;
  private boolean recognitionFailed;
  /** When the turn ended and its final began to be awaited. */
  private long finalAwaitedSince;
  private List<String> expectedPhrases = List.of();
  private long lastVoicedNanos = TurnTimings.NOT_MEASURED;
  private long playoutEndsAtNanos;
  private TurnClock turn;
  private final TurnReporter turns;

  public Conversation(
      String callId,
      Dialplan dialplan,
      Engines engines,
      CallActions actions,
      ConversationSettings settings,
      ConversationListener listener) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.dialplan = Objects.requireNonNull(dialplan, "dialplan");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.actions = Objects.requireNonNull(actions, "actions");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.brain = new ScriptedBrain(dialplan, engines.intents().forDialplan(dialplan), engines.lookups(),
        answer -> post(new LookupDone(answer)));
    this.backchannels = Backchannels.of(dialplan.backchannels());
    this.turns = new TurnReporter(callId, listener);
    if (dialplan.llm().isPresent() && engines.llm().isEmpty()) {
      log.warn("[{}] dialplan '{}' has an LLM but no LLM service was given; answering from the script", callId, dialplan.name());
    }
    this.llm = dialplan.llm().isPresent() && engines.llm().isPresent()
        ? engines.llm().get().brain(callId, dialplan, brain, event -> post(new Llm(event)))
        : null;
    this.recognition =
        new RecognitionFeeder(callId, engines.stt(), engines.inference(), mailbox::post, clock, engines.load());
    this.voice = new BotVoice(engines.tts(), engines.synthesis(), mailbox::post, clock);
    this.turnDetector =
        new TurnDetector(
            settings.vadOnsetThreshold(),
            settings.vadOffsetThreshold(),
            settings.minSpeechForBargeIn(),
            settings.endpointSilence(),
            settings.shortEndpointSilence(),
            settings.maxUtterance());
    // Pre-roll plus the onset run itself: those frames are in the ring when the onset is confirmed.
    int preRollSamples = samples(PRE_ROLL.plus(settings.minSpeechForBargeIn())) + FRAME_SAMPLES;
    this.preRoll = new PreRollBuffer(preRollSamples);
    this.preRollScratch = new short[preRollSamples];
  }

  // ---------------------------------------------------------------- the app's side: post and return

  /** Answers the call: starts the actor, which speaks the greeting. */
  public void start() {
    begin("");
  }

  /**
   * Continues a call another pipeline answered (a realtime model that was lost): says {@code
   * opening} instead of the greeting, then listens. Idempotent with {@link #start()}.
   */
  public void takeOver(String opening) {
    begin(opening);
  }

  private void begin(String opening) {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    mailbox.post(new Start(opening));
    Thread.ofVirtual().name("conversation-" + callId).start(this::run);
  }

  /**
   * 20 ms of caller audio (320 samples at 16 kHz), from the media clock thread. Copied, since the
   * caller reuses the array; never blocks; dropped and counted if the actor is far behind.
   */
  public void onAudioFrame(short[] pcm16k) {
    if (over) {
      return;
    }
    short[] copy = framePool.take(pcm16k.length);
    System.arraycopy(pcm16k, 0, copy, 0, pcm16k.length);
    if (!mailbox.offerFrame(new AudioFrame(copy, pcm16k.length, clock.getAsLong()))) {
      framePool.give(copy);
      engines.load().shed(Shed.CALLER_FRAME);
      long dropped = mailbox.droppedFrames();
      if (dropped == 1 || dropped % 500 == 0) {
        log.warn("[{}] conversation is behind; {} caller frame(s) dropped", callId, dropped);
      }
    }
  }

  public void onDtmf(char digit) {
    post(new Dtmf(digit, clock.getAsLong()));
  }

  /** The first packet of a talkspurt of the bot's audio went out: it completes the turn's timings. */
  public void onPlayoutStarted() {
    post(new PlayoutStarted(clock.getAsLong()));
  }

  /** All of the bot's queued audio has been played. */
  public void onPlayoutDrained() {
    post(new PlayoutDrained(clock.getAsLong()));
  }

  /**
   * The caller put the call on hold (re-INVITE sendonly/inactive) or resumed it. On hold the bot
   * stops talking, forgets any half-heard utterance and stops its silence timer; when the call is
   * resumed it listens again.
   */
  public void onHold(boolean held) {
    post(new Hold(held));
  }

  @Override
  public void onLineEcho(LineEcho echo) {
    post(new EchoOnLine(echo));
  }

  /** The caller hung up: stop everything, take no further call actions. */
  public void onRemoteHangup() {
    post(new RemoteHangup());
  }

  /** The app's outcome of {@link CallActions#transfer}: on failure the bot says so and carries on. */
  public void onTransferResult(boolean ok, String detail) {
    post(new TransferResult(ok, detail == null ? "" : detail));
  }

  /** Completes when the conversation has ended and its per-call engine streams are closed. */
  public CompletableFuture<Void> finished() {
    return finished;
  }

  /** Caller frames dropped because the actor was behind. */
  public long droppedFrames() {
    return mailbox.droppedFrames();
  }

  /** Ends the conversation without further call actions (e.g. the call was torn down elsewhere). */
  @Override
  public void close() {
    if (started.compareAndSet(false, true)) {
      over = true;
      finished.complete(null);
      return;
    }
    post(new Shutdown());
  }

  private void post(ConversationEvent event) {
    if (!over) {
      mailbox.post(event);
    }
  }

  // ---------------------------------------------------------------- the actor

  private void run() {
    try {
      while (state != ConversationState.ENDED) {
        long now = clock.getAsLong();
        Deadlines.Timer due = deadlines.pollDue(now);
        if (due != null) {
          dispatch(new TimerFired(due));
          continue;
        }
        ConversationEvent event = mailbox.poll(deadlines.nanosUntilNext(now));
        if (event != null) {
          dispatch(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end("interrupted");
    } catch (Throwable t) {
      log.error("[{}] conversation failed", callId, t);
      end("failure");
    } finally {
      over = true;
      finished.complete(null);
    }
  }

  private void dispatch(ConversationEvent event) {
    try {
      handle(event);
    } catch (RuntimeException e) {
      // One bad event (a throwing listener, an engine bug) must not kill the call.
      log.error("[{}] failed handling {} in {}", callId, event.getClass().getSimpleName(), state, e);
    }
  }

  private void handle(ConversationEvent event) {
    switch (event) {
      case Start s -> onStart(s.opening());
      case AudioFrame frame -> {
        try {
          onFrame(frame);
        } finally {
          framePool.give(frame.samples());
        }
      }
      case Dtmf dtmf -> onKey(dtmf);
      case PlayoutStarted p -> turns.playoutStarted(p.nanos());
      case PlayoutDrained drained -> onDrained(drained);
      case RemoteHangup r -> end("remote hangup");
      case Hold hold -> onHoldChanged(hold.held());
      case EchoOnLine echo -> lineEcho = echo.echo();
      case Shutdown s -> end("closed");
      case TimerFired timer -> onTimer(timer.timer());
      case SttProgress progress -> onRecognitionProgress(progress);
      case SttFinal result -> onRecognitionFinal(result);
      case SpeechReady ready -> onSpeechReady(ready);
      case SpeechFailed failed -> onSpeechFailed(failed);
      case Llm progress -> onLlmProgress(progress);
      case LookupDone done -> brain.onLookupAnswer(done.answer()).ifPresent(this::continueReply);
      case TransferResult result -> onTransferOutcome(result.ok(), result.detail());
    }
  }

  private void onStart(String opening) {
    listener.onStateChanged(callId, state.name());
    long now = clock.getAsLong();
    deadlines.arm(Deadlines.Timer.CALL_LIMIT, now + settings.maxCallDuration().toNanos());
    try {
      vad = engines.vad().openStream();
    } catch (RuntimeException e) {
      log.error("[{}] could not open a VAD stream; apologizing and hanging up", callId, e);
      speak(brain.apology(), Reply.After.HANG_UP, true);
      return;
    }
    turn = TurnClock.event(now);
    respond(opening.isEmpty() ? brain.greeting() : Reply.listen(opening), ConversationState.GREETING);
  }

  // ---------------------------------------------------------------- caller audio and turn-taking

  private void onFrame(AudioFrame frame) {
    engines.load().recordActorLag(clock.getAsLong() - frame.receivedNanos());
    if (vad == null || state == ConversationState.ENDING || state == ConversationState.ON_HOLD
        || state == ConversationState.TRANSFERRING) {
      return; // not started, nothing the caller says changes the ending or the transfer, or hold music
    }
    float probability = vad.accept(frame.samples(), 0, frame.length());
    double level = FrameLevel.dbfs(frame.samples(), 0, frame.length());
    boolean onlyTheCaller = lineEcho == LineEcho.NONE
        || (speech == null && frame.receivedNanos() - botSilentSinceNanos >= ECHO_TAIL.toNanos());
    TurnDetector.Signal signal = turnDetector.onFrame(probability, level, nanos(frame.length()), onlyTheCaller);
    if (turnDetector.lastFrameVoiced()) {
      lastVoicedNanos = frame.receivedNanos();
    }
    if (utteranceOpen) {
      recognition.feed(frame.samples(), 0, frame.length());
      checkpointInAPause();
    } else {
      preRoll.write(frame.samples(), 0, frame.length());
    }
    boolean earlyOnset = fastBargeIn.onFrame(probability, level);
    switch (signal) {
      case SPEECH_STARTED -> {
        unconfirmedBargeInFrames = -1;
        onCallerStartedSpeaking();
      }
      case END_OF_TURN -> onCallerFinishedSpeaking();
      case QUIET, SPEAKING -> {
        if (earlyOnset && lineEcho == LineEcho.NONE && speech != null && !utteranceOpen
            && (state == ConversationState.GREETING || state == ConversationState.SPEAKING)) {
          bargeIn();
          unconfirmedBargeInFrames = (int) (BARGE_IN_CONFIRMATION.toMillis() / 20);
        } else if (unconfirmedBargeInFrames >= 0) {
          awaitBargeInConfirmation();
        }
      }
    }
  }

  /**
   * The bot stopped on an early sign of speech: once the turn detector has had its time and no
   * speech is confirmed or pending, it was a click or a breath, and the bot goes on.
   */
  private void awaitBargeInConfirmation() {
    if (paused == null || utteranceOpen) {
      unconfirmedBargeInFrames = -1; // something else took over (a key, a confirmed utterance)
      return;
    }
    if (unconfirmedBargeInFrames > 0 || !turnDetector.idle()) {
      unconfirmedBargeInFrames = Math.max(0, unconfirmedBargeInFrames - 1);
      return;
    }
    unconfirmedBargeInFrames = -1;
    log.debug("[{}] early barge-in not confirmed by the VAD; resuming", callId);
    resumeAfterFalseInterruption();
  }

  /**
   * A short way into a pause, asks the recognizer for its final of the words so far: the partial
   * trails the audio by ~240 ms, so waiting for it would decide too late whether the short
   * endpoint applies, and a turn answered from a partial that already matched ("what are your
   * opening" of "... opening hours") would keep only those words. The words come back as a final
   * progress and are carried into the turn's answer; if the caller goes on, the recognizer starts
   * a new segment.
   *
   * <p>Not while the recognizer listens with a grammar (digits, a yes or no to a read-back, a
   * slot's words): those answers are short words with pauses between them, and a checkpoint
   * leaves the next word alone in a segment of its own, or cuts a short word's tail, which the
   * recognizer reads far worse than words in a run (the FSDD speaker jackson's 9 8 7 6 5, 700 ms
   * apart: "nine five", each of 8, 7 and 6 read as nothing; without the checkpoints, exact; a
   * short yes or no cut 0-40 ms after it is read as nothing 9-15 % of the time, uncut 1-2 %, in
   * ShortAnswersTest's conditions). Such answers are complete by their own measure (the digits'
   * count, a yes or no), from the partial.
   */
  private void checkpointInAPause() {
    if (!expectedPhrases.isEmpty()) {
      return;
    }
    if (!turnDetector.inSpeech()) {
      return; // the turn ended on this frame: whether its pause was checkpointed still counts
    }
    long silence = turnDetector.clearPauseNanos();
    if (silence == 0) {
      checkpointed = false;
    } else if (!checkpointed && silence >= CHECKPOINT_SILENCE.toNanos()) {
      checkpointed = true;
      checkpointPending = true;
      recognition.checkpoint();
    }
  }

  private void onCallerStartedSpeaking() {
    if (state == ConversationState.GREETING || state == ConversationState.SPEAKING) {
      bargeIn();
    }
    deadlines.cancel(Deadlines.Timer.SILENCE);
    updateExpectedPhrases();
    utteranceOpen = true;
    completeAnswer = null;
    heardSoFar = carried.text();
    checkpointed = false;
    checkpointPending = false;
    recognition.begin(++utteranceSeq);
    log.debug("[{}] caller started utterance {}", callId, utteranceSeq);
    int count = preRoll.drainTo(preRollScratch);
    recognition.feed(preRollScratch, 0, count);
    setState(listeningState());
  }

  /** Drops the bot's audio on its way to the caller; its echo may come back for a while yet. */
  private void clearPlayout() {
    actions.clearPlayout();
    botSilentSinceNanos = clock.getAsLong();
  }

  /** The caller spoke over the bot: silence it at once and listen. */
  private void bargeIn() {
    clearPlayout();
    // Pause, not cancel: the caller's words decide (confirmInterruption or resumeAfterFalseInterruption).
    pauseBot();
    log.debug("[{}] barge-in: bot audio cleared", callId);
  }

  // ---------------------------------------------------------------- pause, confirm, resume (lessons §4, rule 6)

  /**
   * Playout was just cleared: stop synthesis, but keep the reply and which sentence was playing,
   * and leave the brain running, until the caller's words tell whether this was an interruption.
   */
  private void pauseBot() {
    if (speech == null) {
      return;
    }
    long now = clock.getAsLong();
    paused = new PausedSpeech(speech, speech.playingAt(now), state);
    voice.silence(); // audio already on its way is dropped; the rest is synthesized again on resume
    speech = null;
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    playoutEndsAtNanos = now;
  }

  /**
   * Whether the caller's words, ending a pause, leave the paused reply to resume: no words at all
   * (a cough, noise) or only backchannels ("mm-hmm", "okay").
   */
  private boolean isFalseInterruption(String text) {
    // "Yeah" over "Did you say ...?" is the answer, not a backchannel.
    return Backchannels.isWordless(text) || (backchannels.matches(text) && !brain.answersQuestion(text));
  }

  /** The caller did mean to interrupt (or something else takes over): the paused reply is dropped. */
  private void confirmInterruption() {
    PausedSpeech was = paused;
    if (was == null) {
      return;
    }
    paused = null;
    if (llm != null) {
      // Stops the model's request and keeps in its history only what reached the caller.
      llm.interrupt(was.heard());
      deadlines.cancel(Deadlines.Timer.FILLER);
    }
    log.debug("[{}] interruption confirmed; the rest of the reply is dropped", callId);
  }

  /** A false interruption: speak again the sentence that was cut off, and the rest. Counts as no turn. */
  private void resumeAfterFalseInterruption() {
    PausedSpeech was = paused;
    paused = null;
    turn = null;
    deadlines.cancel(Deadlines.Timer.SILENCE);
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    speech = voice.resume(was.speech(), was.cut());
    log.debug("[{}] false interruption; resuming from sentence {}", callId, was.cut());
    if (speech.heardAll()) {
      onSpeechHeard(); // the cut came after the last sentence: only its ending was still to come
      return;
    }
    if (speech.after == Reply.After.HANG_UP && !speech.isOpen()) {
      abandonCallerSpeech();
      setState(ConversationState.ENDING);
    } else {
      setState(was.state());
    }
  }

  /** A streamed sentence (or the stream's end) while paused goes to the paused reply, unspoken for now. */
  private boolean pausedStreamOpen() {
    return speech == null && paused != null && paused.speech().isOpen();
  }

  private void onCallerFinishedSpeaking() {
    utteranceOpen = false;
    long id = utteranceSeq;
    // Stamped before the recognizer is asked to finish: its final (stamped on an inference thread)
    // can come back before this line would otherwise run.
    turn = TurnClock.speech(lastVoicedNanos, clock.getAsLong());
    recognition.finish();
    // A checkpoint still on its way holds the last words (the partial trails the audio): then the
    // turn is answered from the recognizer's finals, a few milliseconds later, not from the partial.
    String complete = checkpointPending ? null : completeAnswer;
    // The pause that ended the turn was checkpointed and its final is in: every word is in
    // `carried`, and the recognizer has heard only the pause since. Its final would add nothing
    // but its wait (20-180 ms measured after a 500 ms endpoint), so the words are answered now.
    boolean allWordsIn = checkpointed && !checkpointPending;
    completeAnswer = null;
    checkpointPending = false;
    log.debug("[{}] caller's turn ended (utterance {}); complete answer: {}, all words in: {}", callId, id,
        complete != null, allWordsIn);
    if ((complete != null || allWordsIn) && awaitingFinals.isEmpty() && !recognitionFailed) {
      // This utterance's final is not awaited, so it arrives as an abandoned one and is ignored.
      Transcript heard = carried;
      carried = Transcript.EMPTY_FINAL;
      setState(ConversationState.THINKING);
      if (complete != null) {
        answer(complete, List.of(), false, clock.getAsLong());
      } else {
        answer(heard.text(), heard.alternatives(), false, clock.getAsLong());
      }
      return;
    }
    awaitingFinals.addLast(id);
    finalAwaitedSince = clock.getAsLong();
    deadlines.arm(Deadlines.Timer.RECOGNITION_TIMEOUT, finalAwaitedSince + RECOGNITION_TIMEOUT.toNanos());
    setState(ConversationState.THINKING);
  }

  private void onRecognitionProgress(SttProgress progress) {
    recognition.onTaskDone(progress.batch());
    if (!utteranceOpen || progress.utterance() != utteranceSeq) {
      if (progress.transcript().isFinal() && !progress.failed() && awaitingFinals.contains(progress.utterance())) {
        // Words finalized (a checkpoint, or the engine's own endpoint) just before the turn ended:
        // the utterance's final holds only what came after them.
        carried = carried.then(progress.transcript());
      }
      return;
    }
    if (progress.failed()) {
      recognitionFailed = true;
      return;
    }
    String soFar;
    if (progress.transcript().isFinal()) {
      checkpointPending = false;
      log.debug("[{}] words finalized mid-turn: '{}'", callId, progress.transcript().text());
      // The engine ended an utterance by itself mid-turn: keep its words for the answer.
      carried = carried.then(progress.transcript());
      soFar = carried.text();
    } else {
      soFar = carried.isEmpty() ? progress.transcript().text() : carried.text() + " " + progress.transcript().text();
    }
    heardSoFar = soFar;
    Completeness completeness = brain.assess(soFar);
    turnDetector.setCompleteness(completeness);
    completeAnswer = completeness == Completeness.COMPLETE ? soFar.strip() : null;
  }

  private void onRecognitionFinal(SttFinal result) {
    recognition.onTaskDone(result.batch());
    Long expected = awaitingFinals.peekFirst();
    if (expected == null || expected != result.utterance()) {
      return; // an abandoned utterance (a key was pressed, the call is ending)
    }
    awaitingFinals.removeFirst();
    recognitionFailed |= result.failed();
    carried = carried.then(result.transcript());
    if (!awaitingFinals.isEmpty() || utteranceOpen) {
      return; // the caller kept talking: new speech cancels the decision, answer it all at the end
    }
    deadlines.cancel(Deadlines.Timer.RECOGNITION_TIMEOUT);
    Transcript heard = carried;
    carried = Transcript.EMPTY_FINAL;
    boolean failed = recognitionFailed;
    recognitionFailed = false;
    answer(heard.text(), heard.alternatives(), failed, result.nanos());
  }

  /**
   * The caller's turn is over and these are its words: resume a falsely interrupted reply, or
   * answer them.
   *
   * @param alternatives the recognizer's other readings of the words, most likely first
   * @param transcriptNanos when the words the answer is decided on were known (the final, or the
   *     complete partial at the endpoint)
   */
  private void answer(String heard, List<String> alternatives, boolean failed, long transcriptNanos) {
    String text = failed ? heard : ShortAnswers.heard(heard, alternatives, brain::answersQuestion);
    if (!text.equals(heard)) {
      log.debug("[{}] best reading held no words; its next, '{}', answers the question", callId, text);
    }
    if (turn != null) {
      turn.sttFinal = transcriptNanos;
      turn.callerText = text;
    }
    if (paused != null && !failed && isFalseInterruption(text)) {
      if (!text.isEmpty()) {
        listener.onTranscript(callId, Speaker.CALLER, text);
      }
      resumeAfterFalseInterruption();
      return;
    }
    confirmInterruption();
    if (!text.isEmpty()) {
      listener.onTranscript(callId, Speaker.CALLER, text);
      if (llm != null && !brain.collectingDigits() && !brain.answersQuestion(text)) {
        answerWithLlm(text); // digits the script asked for, and the yes to its read-back, still go to the script
      } else {
        respond(brain.onUtterance(text, alternatives), ConversationState.SPEAKING);
      }
    } else if (failed) {
      respond(brain.onNotUnderstood(), ConversationState.SPEAKING);
    } else {
      log.debug("[{}] speech without words (noise); still listening", callId);
      listen();
    }
  }

  /**
   * Whether the awaited final is late because the recognizer is behind (its work still queued,
   * the pool decoding), not wedged, and the wait is still bounded.
   */
  private boolean recognitionBehindNotWedged(long now) {
    return recognition.busy()
        && now - engines.load().lastDecodedNanos() < RECOGNITION_TIMEOUT.toNanos()
        && now - finalAwaitedSince < RECOGNITION_BEHIND_LIMIT.toNanos();
  }

  /** Drops the caller's utterance in progress and any answer still owed for earlier ones. */
  private void abandonCallerSpeech() {
    if (utteranceOpen) {
      recognition.finish(); // resets the stream for the next utterance; the result is ignored
      utteranceOpen = false;
    }
    turnDetector.reset();
    preRoll.clear();
    awaitingFinals.clear();
    carried = Transcript.EMPTY_FINAL;
    completeAnswer = null;
    heardSoFar = "";
    recognitionFailed = false;
    deadlines.cancel(Deadlines.Timer.RECOGNITION_TIMEOUT);
  }

  // ---------------------------------------------------------------- keys and timers

  private void onKey(Dtmf dtmf) {
    if (state == ConversationState.ENDING || state == ConversationState.ENDED || state == ConversationState.ON_HOLD
        || state == ConversationState.TRANSFERRING) {
      return;
    }
    confirmInterruption(); // a key press is an explicit interruption: nothing paused resumes
    if (speech != null) {
      clearPlayout(); // a key press is an explicit interruption
      silenceBot();
    }
    abandonCallerSpeech();
    deadlines.cancel(Deadlines.Timer.SILENCE);
    turn = TurnClock.event(dtmf.receivedNanos());
    turn.callerText = "DTMF " + dtmf.digit();
    respond(brain.onDtmf(dtmf.digit()), ConversationState.SPEAKING);
  }

  private void onHoldChanged(boolean held) {
    if (state == ConversationState.ENDING || state == ConversationState.ENDED
        || state == ConversationState.TRANSFERRING) {
      return; // the goodbye or the transfer is already on its way; hold does not change it
    }
    if (held && state != ConversationState.ON_HOLD) {
      confirmInterruption();
      if (speech != null) {
        clearPlayout();
        silenceBot();
      }
      abandonCallerSpeech();
      deadlines.cancel(Deadlines.Timer.SILENCE);
      turn = null;
      setState(ConversationState.ON_HOLD);
    } else if (!held && state == ConversationState.ON_HOLD) {
      listen();
    }
  }

  private void onTimer(Deadlines.Timer timer) {
    switch (timer) {
      case SILENCE -> {
        if (isListening() && !utteranceOpen && awaitingFinals.isEmpty()) {
          turn = TurnClock.event(clock.getAsLong());
          respond(brain.onSilence(), ConversationState.SPEAKING);
        }
      }
      case PLAYOUT_SAFETY -> {
        if (speech != null && speech.allQueued()) {
          log.warn("[{}] no playout-drained signal in time; assuming the bot's audio was played", callId);
          onSpeechHeard();
        }
      }
      case RECOGNITION_TIMEOUT -> {
        long now = clock.getAsLong();
        if (!awaitingFinals.isEmpty() && !utteranceOpen && recognitionBehindNotWedged(now)) {
          log.info("[{}] recognizer {} ms behind (inference lag {} ms); still waiting for the caller's words", callId,
              (now - finalAwaitedSince) / 1_000_000, engines.load().recentLagNanos() / 1_000_000);
          deadlines.arm(Deadlines.Timer.RECOGNITION_TIMEOUT, now + RECOGNITION_TIMEOUT.toNanos() / 4);
        } else if (!awaitingFinals.isEmpty() && !utteranceOpen) {
          String partial = heardSoFar.strip();
          abandonCallerSpeech();
          engines.load().shed(Shed.LATE_TRANSCRIPT);
          if (partial.isEmpty()) {
            log.warn("[{}] no final transcript within {}; treating the turn as not understood", callId,
                RECOGNITION_TIMEOUT);
            respond(brain.onNotUnderstood(), ConversationState.SPEAKING);
          } else {
            log.warn("[{}] no final transcript within {}; answering from the last partial ({} words)", callId,
                RECOGNITION_TIMEOUT, partial.split("\\s+").length);
            answer(partial, List.of(), false, clock.getAsLong());
          }
        }
      }
      case CALL_LIMIT -> {
        if (state != ConversationState.ENDING) {
          log.info("[{}] maximum call duration reached", callId);
          if (speech != null) {
            clearPlayout();
            silenceBot();
          }
          abandonCallerSpeech();
          turn = TurnClock.event(clock.getAsLong());
          respond(brain.onCallTimeLimit(), ConversationState.SPEAKING);
        }
      }
      case FILLER -> {
        // A scripted lookup's wait first: an LLM dialplan's script collects digits and looks up too.
        Optional<Reply> scripted = brain.onFillerDue();
        if (scripted.isPresent()) {
          continueReply(scripted.get());
        } else if (llm != null) {
          carryOut(llm.onFillerDue());
        }
      }
      case TRANSFER_TIMEOUT -> onTransferOutcome(false, "no transfer result within " + TRANSFER_TIMEOUT.toSeconds() + " s");
    }
  }

  // ---------------------------------------------------------------- the bot's speech

  private void respond(Reply reply, ConversationState speakingState) {
    confirmInterruption(); // any new reply replaces a paused one
    if (turn != null) {
      turn.reply = clock.getAsLong();
      turn.intent = reply.intent().orElse("");
      turn.replyText = reply.text();
    }
    if (reply.isAwaiting()) {
      awaitRest(reply);
      return;
    }
    if (reply.isSilent()) {
      reportTurn();
      if (runEffects(reply.effects())) {
        return; // a transfer took over the call
      }
      if (reply.after() == Reply.After.HANG_UP) {
        hangUp();
      } else {
        listen();
      }
      return;
    }
    listener.onTranscript(callId, Speaker.BOT, reply.text());
    if (llm != null) {
      llm.recordBotSaid(reply.text());
    }
    speak(reply.text(), reply.after(), false);
    if (!reply.effects().isEmpty()) {
      speech.close(reply.after(), reply.effects()); // e.g. a scripted transfer, once this is heard
    }
    if (state != ConversationState.ENDING) {
      setState(speakingState);
    }
  }

  private void speak(String text, Reply.After after, boolean apology) {
    confirmInterruption();
    deadlines.cancel(Deadlines.Timer.SILENCE);
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    speech = voice.say(text, after, apology);
    if (after == Reply.After.HANG_UP) {
      abandonCallerSpeech();
      setState(ConversationState.ENDING);
    }
  }

  private void onSpeechReady(SpeechReady ready) {
    if (speech == null || ready.generation() != speech.generation) {
      log.debug("[{}] dropped stale speech of generation {}", callId, ready.generation());
      return;
    }
    if (ready.index() != speech.queuedCount()) {
      log.warn("[{}] speech sentence {} arrived out of order (expected {})", callId, ready.index(), speech.queuedCount());
    }
    long now = clock.getAsLong();
    actions.play(ready.pcm());
    speech.queued(now);
    playoutEndsAtNanos = Math.max(now, playoutEndsAtNanos) + nanos(ready.pcm().length);
    speech.playsUntil(playoutEndsAtNanos);
    if (turn != null && turn.firstAudioQueued == TurnTimings.NOT_MEASURED) {
      turn.ttsFirstAudio = ready.nanos();
      turn.firstAudioQueued = now;
      reportTurn();
    }
    if (speech.allQueued()) {
      deadlines.arm(Deadlines.Timer.PLAYOUT_SAFETY, playoutEndsAtNanos + PLAYOUT_SAFETY_MARGIN.toNanos());
    }
  }

  private void onSpeechFailed(SpeechFailed failed) {
    if (speech == null || failed.generation() != speech.generation) {
      return;
    }
    if (!speech.apology) {
      log.warn("[{}] speech synthesis failed; apologizing instead", callId, failed.error());
      if (llm != null) {
        llm.interrupt(speech.queuedSentences()); // the apology replaces the rest of the model's turn
        deadlines.cancel(Deadlines.Timer.FILLER);
      }
      listener.onTranscript(callId, Speaker.BOT, brain.apology());
      speak(brain.apology(), speech.after, true);
    } else {
      log.error("[{}] speech synthesis failed for the apology too; hanging up rather than leaving dead air",
          callId, failed.error());
      hangUp();
    }
  }

  private void onDrained(PlayoutDrained drained) {
    botSilentSinceNanos = drained.nanos();
    // A drain stamped before our last play() is about earlier audio; the current reply is still playing.
    if (speech == null) {
      return;
    }
    speech.drained(drained.nanos()); // a streamed reply may close after its audio has played
    if (speech.drainedAfterLastQueued(drained.nanos())) {
      onSpeechHeard();
    }
  }

  /** The whole reply has been played to the caller. */
  private void onSpeechHeard() {
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    Reply.After after = speech.after;
    List<CallEffect> effects = speech.effects();
    speech = null;
    if (llm != null) {
      llm.onSpeechHeard();
    }
    if (runEffects(effects)) {
      return; // a transfer took over the call
    }
    if (after == Reply.After.HANG_UP) {
      hangUp();
    } else {
      listen();
    }
  }

  /** Cancels everything the bot was going to say. */
  private void silenceBot() {
    voice.silence();
    if (llm != null) {
      // Stops the model's request and keeps in its history only what reached the caller.
      llm.interrupt(speech == null ? List.of() : speech.queuedSentences());
      deadlines.cancel(Deadlines.Timer.FILLER);
    }
    speech = null;
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    playoutEndsAtNanos = clock.getAsLong();
  }

  // ---------------------------------------------------------------- the LLM brain (optional)

  /** The caller's words go to the model; its sentences arrive as events and are spoken as they come. */
  private void answerWithLlm(String text) {
    confirmInterruption();
    deadlines.cancel(Deadlines.Timer.SILENCE);
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    speech = voice.stream();
    if (turn != null) {
      turn.intent = "llm";
    }
    // SPEAKING from now on, as for a scripted reply: the caller talking again cancels the request.
    setState(ConversationState.SPEAKING);
    carryOut(llm.onUtterance(text));
    LlmSettings settings = dialplan.llm().orElseThrow();
    deadlines.arm(Deadlines.Timer.FILLER, clock.getAsLong() + settings.fillerDelay().toNanos());
  }

  private void onLlmProgress(Llm progress) {
    if (llm != null && state != ConversationState.ENDED) {
      carryOut(llm.on(progress.event()));
    }
  }

  private void carryOut(List<LlmAction> llmActions) {
    for (LlmAction action : llmActions) {
      switch (action) {
        case LlmAction.Say say -> sayStreamed(say.sentence());
        case LlmAction.Finish finish -> finishStreamed(finish);
      }
    }
  }

  private void sayStreamed(String sentence) {
    deadlines.cancel(Deadlines.Timer.FILLER);
    if (pausedStreamOpen()) {
      listener.onTranscript(callId, Speaker.BOT, sentence);
      paused.speech().append(sentence); // spoken if the reply resumes, dropped if the caller interrupted
      return;
    }
    if (speech == null || !speech.isOpen()) {
      // Outside a turn's reply, e.g. the transfer-failed phrase.
      confirmInterruption();
      deadlines.cancel(Deadlines.Timer.SILENCE);
      speech = voice.stream();
      setState(ConversationState.SPEAKING);
    }
    if (turn != null && turn.reply == TurnTimings.NOT_MEASURED) {
      turn.reply = clock.getAsLong();
      turn.replyText = sentence;
    }
    listener.onTranscript(callId, Speaker.BOT, sentence);
    voice.append(speech, sentence);
  }

  private void finishStreamed(LlmAction.Finish finish) {
    deadlines.cancel(Deadlines.Timer.FILLER);
    if (pausedStreamOpen()) {
      paused.speech().close(finish.after(), finish.effects()); // carried out once the resumed reply is heard
      return;
    }
    if (speech == null || !speech.isOpen()) {
      speech = voice.stream();
    }
    speech.close(finish.after(), finish.effects());
    if (finish.after() == Reply.After.HANG_UP) {
      abandonCallerSpeech();
      setState(ConversationState.ENDING);
    }
    if (speech.heardAll()) {
      onSpeechHeard(); // nothing (more) to play: a tool-only turn, or the audio already drained
    } else if (speech.allQueued()) {
      deadlines.arm(Deadlines.Timer.PLAYOUT_SAFETY, playoutEndsAtNanos + PLAYOUT_SAFETY_MARGIN.toNanos());
    }
  }

  // ---------------------------------------------------------------- replies awaiting a lookup

  /**
   * A reply the brain completes later (a lookup): spoken as a stream, as a model's, so the filler
   * and the answer follow each other without a gap and the caller talking cancels the wait.
   */
  private void awaitRest(Reply reply) {
    deadlines.cancel(Deadlines.Timer.SILENCE);
    deadlines.cancel(Deadlines.Timer.PLAYOUT_SAFETY);
    speech = voice.stream();
    setState(ConversationState.SPEAKING);
    if (!reply.isSilent()) {
      sayStreamed(reply.text());
    }
    deadlines.arm(Deadlines.Timer.FILLER, clock.getAsLong() + reply.awaiting().orElseThrow().toNanos());
  }

  /** The brain's next part of an awaited reply: the filler, or the rest that closes it. */
  private void continueReply(Reply more) {
    boolean awaited = pausedStreamOpen() || (speech != null && speech.isOpen());
    if (!awaited || state == ConversationState.ENDING || state == ConversationState.ENDED) {
      return; // the caller cut the wait short: their words are answered instead
    }
    if (!more.isSilent()) {
      sayStreamed(more.text());
    }
    if (!more.isAwaiting()) {
      finishStreamed(new LlmAction.Finish(more.after(), more.effects()));
    }
  }

  /** Carries out call effects in order; true if a transfer took over the call. */
  private boolean runEffects(List<CallEffect> effects) {
    for (CallEffect effect : effects) {
      switch (effect) {
        case CallEffect.SendDtmf dtmf -> {
          log.info("[{}] sending DTMF {}", callId, dtmf.digits());
          actions.sendDtmf(dtmf.digits());
        }
        case CallEffect.EndCall end -> log.info("[{}] the model ends the call: {}", callId, end.reason());
        case CallEffect.Transfer transfer -> {
          log.info("[{}] transferring to {} ({})", callId, transfer.target(), transfer.sipUri());
          setState(ConversationState.TRANSFERRING);
          deadlines.arm(Deadlines.Timer.TRANSFER_TIMEOUT, clock.getAsLong() + TRANSFER_TIMEOUT.toNanos());
          actions.transfer(transfer.sipUri());
          return true;
        }
      }
    }
    return false;
  }

  private void onTransferOutcome(boolean ok, String detail) {
    if (state != ConversationState.TRANSFERRING) {
      return;
    }
    deadlines.cancel(Deadlines.Timer.TRANSFER_TIMEOUT);
    List<LlmAction> next = llm != null ? llm.onTransferResult(ok, detail) : List.of();
    if (ok) {
      log.info("[{}] transfer completed; releasing our leg", callId);
      hangUp();
    } else {
      log.warn("[{}] transfer failed: {}", callId, detail);
      turn = TurnClock.event(clock.getAsLong());
      if (next.isEmpty()) {
        respond(Reply.listen(LlmSettings.DEFAULT_TRANSFER_FAILED), ConversationState.SPEAKING);
      } else {
        carryOut(next);
      }
    }
  }

  // ---------------------------------------------------------------- states and ending

  private void listen() {
    setState(listeningState());
    updateExpectedPhrases();
    // A caller who stopped partway through a number is asked for it again well before the
    // dialplan's silence prompt: they are waiting for the bot, not thinking.
    Duration timeout = brain.holdsPartialDigits() ? PARTIAL_DIGITS_TIMEOUT : dialplan.silence().timeout();
    deadlines.arm(Deadlines.Timer.SILENCE, clock.getAsLong() + timeout.toNanos());
  }

  private ConversationState listeningState() {
    return brain.collectingDigits() ? ConversationState.COLLECTING_DIGITS : ConversationState.LISTENING;
  }

  private boolean isListening() {
    return state == ConversationState.LISTENING || state == ConversationState.COLLECTING_DIGITS;
  }

  private void updateExpectedPhrases() {
    List<String> phrases = brain.expectedPhrases();
    if (!phrases.equals(expectedPhrases)) {
      expectedPhrases = phrases;
      recognition.expect(phrases);
    }
  }

  private void hangUp() {
    log.info("[{}] bot hangs up", callId);
    actions.hangup();
    end("bot hangup");
  }

  /** Stops everything at once; no call action happens after this. */
  private void end(String reason) {
    if (state == ConversationState.ENDED) {
      return;
    }
    log.info("[{}] conversation ends: {}", callId, reason);
    over = true;
    voice.silence();
    if (llm != null) {
      llm.close();
    }
    speech = null;
    paused = null;
    turns.flush();
    deadlines.clear();
    abandonCallerSpeech();
    setState(ConversationState.ENDED);
    CompletableFuture<Void> sttClosed = recognition.close();
    if (vad != null) {
      try {
        vad.close();
      } catch (RuntimeException e) {
        log.warn("[{}] closing the VAD stream failed", callId, e);
      }
    }
    try {
      // Bounded: a wedged recognizer must not keep the call record from completing.
      sttClosed.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("[{}] recognition stream did not close within {}", callId, CLOSE_WAIT);
    }
  }

  private void setState(ConversationState next) {
    if (next != state) {
      state = next;
      try {
        listener.onStateChanged(callId, next.name());
      } catch (RuntimeException e) {
        log.warn("[{}] listener failed on state change", callId, e);
      }
    }
  }

  private void reportTurn() {
    if (turn != null) {
      TurnClock reported = turn;
      turn = null;
      turns.report(reported); // completed by the reply's first RTP packet, if it has audio
    }
  }

  private static long nanos(int samples) {
    return samples * (1_000_000_000L / SAMPLE_RATE);
  }

  private static int samples(Duration duration) {
    return (int) (duration.toMillis() * SAMPLE_RATE / 1000);
  }
}
