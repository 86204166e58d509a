package dev.voicebot.app.records;

/**
 * Where a call's record goes as the call happens, besides memory: each piece once it is final (a
 * line when said, a turn when it ends, the rest when the call ends), so that a crash loses at most
 * what is in progress. Called on call and conversation threads (and, for rare events, the media
 * clock): implementations must hand the work off, not do I/O in the call.
 */
public interface CallRecordSink {

  /** Keeps nothing: memory only. */
  CallRecordSink NONE = new CallRecordSink() {};

  /** A call was answered; {@code header} has no lines, turns or events yet. */
  default void started(CallRecord header) {
  }

  default void line(String callId, int seq, CallRecord.Line line) {
  }

  default void turn(String callId, int seq, CallRecord.Turn turn) {
  }

  default void event(String callId, int seq, CallRecord.Event event) {
  }

  /** The call is being recorded into {@code file} (a name in the recordings directory). */
  default void recording(String callId, String file) {
  }

  /** The call ended; {@code record} is whole (its lines, turns and events were sent before). */
  default void ended(CallRecord record) {
  }
}
