package dev.voicebot.pipeline.realtime;

/** Where a realtime session is; reported to the listener by name, like the cascaded conversation's states. */
enum RealtimeState {
  /** Opening the WebSocket. */
  CONNECTING,
  /** The model is saying its greeting. */
  GREETING,
  /** The caller has the floor. */
  LISTENING,
  /** The caller finished; the model has not answered yet. */
  THINKING,
  /** The model's answer is playing. */
  SPEAKING,
  /** The caller put the call on hold: nothing goes to the model and no silence timeout runs. */
  ON_HOLD,
  /** A transfer was handed to the SIP layer; waiting for its outcome. */
  TRANSFERRING,
  /** Saying the apology (or the model's goodbye) before hanging up. */
  ENDING,
  ENDED
}
