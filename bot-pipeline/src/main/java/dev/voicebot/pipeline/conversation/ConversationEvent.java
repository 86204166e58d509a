package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.LookupAnswer;
import dev.voicebot.pipeline.llm.LlmEvent;
import dev.voicebot.pipeline.stt.Transcript;

/** Everything that can happen to a conversation; the actor handles one at a time, in order. */
sealed interface ConversationEvent {

  /** The call was answered: greet, or say {@code opening} instead when it is not empty (a takeover). */
  record Start(String opening) implements ConversationEvent {}

  /** 20 ms of caller audio in a pooled buffer, stamped on arrival. */
  record AudioFrame(short[] samples, int length, long receivedNanos) implements ConversationEvent {}

  record Dtmf(char digit, long receivedNanos) implements ConversationEvent {}

  record PlayoutStarted(long nanos) implements ConversationEvent {}

  /** The playout queue ran empty; {@code nanos} tells it apart from audio queued after it. */
  record PlayoutDrained(long nanos) implements ConversationEvent {}

  record RemoteHangup() implements ConversationEvent {}

  /** The caller put the call on hold ({@code held}) or took it off hold. */
  record Hold(boolean held) implements ConversationEvent {}

  /** The app closed the conversation (shutdown, call torn down elsewhere). */
  /** The app's echo canceller changed its mind about the line's echo. */
  record EchoOnLine(LineEcho echo) implements ConversationEvent {}

  record Shutdown() implements ConversationEvent {}

  /** A deadline of the actor's own passed. */
  record TimerFired(Deadlines.Timer timer) implements ConversationEvent {}

  /** A batch of caller audio was recognized; {@code batch} returns to the feeder's pool. */
  record SttProgress(long utterance, Transcript transcript, short[] batch, boolean failed) implements ConversationEvent {}

  /** An utterance's final transcript (empty and {@code failed} when the recognizer threw). */
  record SttFinal(long utterance, Transcript transcript, short[] batch, boolean failed, long nanos)
      implements ConversationEvent {}

  /** One sentence of bot speech is ready; dropped unless {@code generation} is still current. */
  record SpeechReady(long generation, int index, short[] pcm, long nanos) implements ConversationEvent {}

  record SpeechFailed(long generation, int index, Exception error) implements ConversationEvent {}

  /** A result of the LLM brain's I/O (stream pieces, webhook answers), for the brain to handle. */
  record Llm(LlmEvent event) implements ConversationEvent {}

  /** A scripted lookup answered (or failed); the brain turns it into the rest of its reply. */
  record LookupDone(LookupAnswer answer) implements ConversationEvent {}

  /** The app's answer to {@link CallActions#transfer}. */
  record TransferResult(boolean ok, String detail) implements ConversationEvent {}
}
