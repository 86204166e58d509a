package dev.voicebot.pipeline.conversation;

/** Where a conversation is; reported to the listener by name. */
enum ConversationState {
  /** Speaking the greeting (interruptible). */
  GREETING,
  /** Speaking a reply (interruptible). */
  SPEAKING,
  /** Waiting for, or hearing, the caller. */
  LISTENING,
  /** The caller's turn ended; waiting for the final transcript. */
  THINKING,
  /** Listening for digits, spoken or keyed. */
  COLLECTING_DIGITS,
  /** The caller put the call on hold: the bot neither speaks nor listens nor times out. */
  ON_HOLD,
  /** A transfer was handed to the app; waiting for its result (caller audio is ignored). */
  TRANSFERRING,
  /** Saying the last words before hanging up (not interruptible). */
  ENDING,
  /** Over: nothing more happens. */
  ENDED
}
