package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.CallConversation;
import dev.voicebot.pipeline.conversation.Conversation;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Engines;
import dev.voicebot.pipeline.dialplan.Dialplan;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A call answered by a realtime model, with the cascaded {@link Conversation} (local VAD, STT,
 * the dialplan's brain, TTS) standing by: if the model cannot be reached or is lost mid-call, the
 * conversation takes over, opening with the dialplan's apology, and the caller goes on talking
 * instead of hearing dead air. The session also borrows the local VAD for fast barge-in, and the
 * conversation's settings for its limits.
 *
 * <p>The app's threads call in as on any {@link CallConversation}; each call goes to whichever
 * pipeline has the call now. The switch happens on the session's actor; the few events that race
 * it (a frame, a drain signal for audio the session cleared anyway) are lost harmlessly.
 */
public final class RealtimeCall implements CallConversation {

  /** Time for the apology even when the call limit is all but reached: the goodbye follows it. */
  private static final Duration MIN_LEFT = Duration.ofSeconds(5);

  private final String callId;
  private final Dialplan dialplan;
  private final Engines engines;
  private final ConversationSettings settings;
  private final CallActions actions;
  private final ConversationListener listener;
  private final RealtimeSession session;
  private final CompletableFuture<Void> finished;
  private final Object lock = new Object();
  /** The pipeline that has the call: the session, then the conversation after a takeover. */
  private volatile CallConversation current;
  /** Set once, under {@link #lock}, before the session ends. */
  private volatile Conversation takenOverBy;
  private boolean hungUp;
  private volatile long startedNanos;

  public RealtimeCall(
      String callId,
      Dialplan dialplan,
      RealtimeSettings realtime,
      RealtimeEngines realtimeEngines,
      Engines engines,
      ConversationSettings settings,
      CallActions actions,
      ConversationListener listener) {
    this.callId = callId;
    this.dialplan = dialplan;
    this.engines = engines;
    this.settings = settings;
    this.actions = actions;
    this.listener = listener;
    LocalPipeline local = LocalPipeline.none().withVad(engines.vad()).withSettings(settings).withFallback(this::takeOver);
    this.session = new RealtimeSession(callId, dialplan, realtime, realtimeEngines, local, actions, listener);
    this.current = session;
    // The session ends first (after a takeover too); the call is over once whoever had it last is done.
    this.finished = session.finished().thenCompose(ignored -> {
      Conversation next = takenOverBy;
      return next == null ? CompletableFuture.<Void>completedFuture(null) : next.finished();
    });
  }

  /** Called on the session's actor when the model is lost. */
  private void takeOver() {
    synchronized (lock) {
      if (hungUp) {
        return; // the caller is gone: nothing to continue
      }
      Conversation conversation = new Conversation(callId, dialplan, engines, actions, remainingLimits(), listener);
      takenOverBy = conversation;
      conversation.takeOver(opening());
      current = conversation;
    }
  }

  /** The conversation's settings with what is left of the maximum call duration: the limit is the call's, not each pipeline's. */
  private ConversationSettings remainingLimits() {
    Duration left = settings.maxCallDuration().minusNanos(System.nanoTime() - startedNanos);
    Duration atLeast = left.compareTo(MIN_LEFT) < 0 ? MIN_LEFT : left;
    return new ConversationSettings(settings.vadOnsetThreshold(), settings.vadOffsetThreshold(),
        settings.minSpeechForBargeIn(), settings.endpointSilence(), settings.shortEndpointSilence(),
        settings.maxUtterance(), atLeast);
  }

  /** The apology, then the greeting's invitation to speak: the caller knows the line still works. */
  private String opening() {
    return (dialplan.apology() + " " + dialplan.greeting()).strip();
  }

  /** Whether the cascaded conversation has taken the call over. */
  public boolean takenOver() {
    return takenOverBy != null;
  }

  @Override
  public void start() {
    startedNanos = System.nanoTime();
    session.start();
  }

  @Override
  public void onAudioFrame(short[] pcm16k) {
    current.onAudioFrame(pcm16k);
  }

  @Override
  public void onDtmf(char digit) {
    current.onDtmf(digit);
  }

  @Override
  public void onPlayoutStarted() {
    current.onPlayoutStarted();
  }

  @Override
  public void onPlayoutDrained() {
    current.onPlayoutDrained();
  }

  @Override
  public void onHold(boolean held) {
    current.onHold(held);
  }

  @Override
  public void onRemoteHangup() {
    synchronized (lock) {
      hungUp = true;
      current.onRemoteHangup();
    }
  }

  @Override
  public void onTransferResult(boolean ok, String detail) {
    current.onTransferResult(ok, detail);
  }

  @Override
  public CompletableFuture<Void> finished() {
    return finished;
  }

  @Override
  public long droppedFrames() {
    Conversation next = takenOverBy;
    return session.droppedFrames() + (next == null ? 0 : next.droppedFrames());
  }

  @Override
  public void close() {
    synchronized (lock) {
      hungUp = true;
      current.close();
      if (current != session) {
        session.close();
      }
    }
  }
}
