package dev.voicebot.pipeline.realtime;

/** The realtime session actor's timers, kept in a {@link dev.voicebot.pipeline.actor.Timers}. */
enum SessionTimer {
  /** The WebSocket is not open in time. */
  CONNECT,
  /** The model has not answered the caller's turn in time. */
  REPLY,
  /** The drain signal for audio we are waiting on did not come. */
  PLAYOUT_SAFETY,
  /** No outcome for a transfer. */
  TRANSFER,
  /** The local voice did not produce the apology in time. */
  APOLOGY
}
