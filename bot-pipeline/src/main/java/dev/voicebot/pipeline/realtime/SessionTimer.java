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
  /** The local voice did not produce the apology or goodbye in time. */
  LOCAL_SPEECH,
  /** The caller has said nothing since the bot finished: reprompt, or say goodbye after too many. */
  SILENCE,
  /** The maximum call duration is reached: goodbye. */
  CALL_LIMIT,
  /**
   * The local VAD stopped the bot but the server's VAD never reported the caller speaking: a
   * false interruption (a cough, a noise), so the model is asked to go on.
   */
  BARGE_IN_CONFIRM
}
