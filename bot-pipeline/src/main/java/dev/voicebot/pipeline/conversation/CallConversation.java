package dev.voicebot.pipeline.conversation;

import java.util.concurrent.CompletableFuture;

/**
 * What the app drives for one answered call, whichever pipeline answers it: the cascaded {@code
 * Conversation} (VAD, STT, brain, TTS) or a {@code RealtimeSession} (a speech-to-speech model). Every method posts to the
 * call's actor and returns at once; none may block the caller's thread (the media clock among them).
 */
public interface CallConversation extends AutoCloseable {

  /** Answers the call: starts the actor, which greets the caller. Idempotent. */
  void start();

  /** 20 ms of caller audio (320 samples at 16 kHz) from the media clock; the array is reused by the caller after return. */
  void onAudioFrame(short[] pcm16k);

  void onDtmf(char digit);

  /** The first of the bot's queued audio went out. */
  void onPlayoutStarted();

  /** All of the bot's queued audio has been played. */
  void onPlayoutDrained();

  /**
   * The caller put the call on hold or resumed it. The app already stops sending RTP on hold; a
   * pipeline that keeps turn state of its own (timers, half-heard speech) pauses it here.
   */
  default void onHold(boolean held) {}

  /**
   * What the echo canceller found out about the line's echo, when it changes. Pipelines that do
   * not use it ignore it.
   */
  default void onLineEcho(LineEcho echo) {}

  /** The caller hung up: stop everything, take no further call actions. */
  void onRemoteHangup();

  /** The outcome of a {@code CallActions.transfer} this conversation asked for. */
  void onTransferResult(boolean ok, String detail);

  /** Completes once the conversation has ended and released what it held per call. */
  CompletableFuture<Void> finished();

  /** Caller frames dropped because the actor was behind. */
  long droppedFrames();

  /** Ends the conversation without further call actions. */
  @Override
  void close();
}
