package dev.voicebot.pipeline.realtime;

/**
 * The server events a session acts on, parsed off the actor (on the WebSocket's thread) so the
 * actor only pattern-matches. Audio arrives already decoded from base64, still at 24 kHz.
 */
sealed interface ServerEvent {

  /** {@code session.created} or {@code session.updated}. */
  record SessionReady(String type) implements ServerEvent {}

  /** The server VAD heard the caller start: barge-in. */
  record SpeechStarted(long audioStartMs, String itemId) implements ServerEvent {}

  /** The server VAD decided the caller's turn is over; {@code audioEndMs} is on the input audio's timeline. */
  record SpeechStopped(long audioEndMs, String itemId) implements ServerEvent {}

  record ResponseCreated(String responseId) implements ServerEvent {}

  /** A new output item; function-call items carry their name here in servers that omit it later. */
  record OutputItemAdded(String responseId, String itemId, String itemType, String name) implements ServerEvent {}

  record AudioDelta(String responseId, String itemId, int contentIndex, short[] pcm24k) implements ServerEvent {}

  /** What the model said in an item, as text. */
  record AudioTranscriptDone(String responseId, String itemId, String transcript) implements ServerEvent {}

  /** What the caller said in an input item, transcribed. */
  record InputTranscript(String itemId, String transcript) implements ServerEvent {}

  /** {@code response.function_call_arguments.done}; {@code name} is empty when the server left it out. */
  record FunctionCall(String responseId, String itemId, String callId, String name, String arguments)
      implements ServerEvent {}

  /**
   * @param status completed, cancelled, failed or incomplete
   * @param reason the status details' reason or error code, for logs
   */
  record ResponseDone(String responseId, String status, String reason) implements ServerEvent {}

  record Error(String errorType, String code, String message) implements ServerEvent {}

  /** An event the session has no use for (rate limits, deltas of transcripts, item bookkeeping). */
  record Ignored(String type) implements ServerEvent {}

  /** Not JSON, or not shaped like the protocol says; logged, never fatal on its own. */
  record Malformed(String why) implements ServerEvent {}
}
