package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.actor.Timers;

/** The conversation actor's {@link Timers}. Confined to the actor thread. */
final class Deadlines extends Timers<Deadlines.Timer> {

  enum Timer {
    /** The caller has been silent too long after the bot finished speaking. */
    SILENCE,
    /** Playout should have drained by now; do not wait for the signal forever. */
    PLAYOUT_SAFETY,
    /** The final transcript is overdue: a wedged recognizer must not leave the caller in dead air. */
    RECOGNITION_TIMEOUT,
    /** The call has lasted its maximum duration. */
    CALL_LIMIT,
    /** The language model has said nothing yet this turn: time for the filler phrase. */
    FILLER,
    /** The app never reported how a transfer went: treat it as failed rather than wait forever. */
    TRANSFER_TIMEOUT
  }

  Deadlines() {
    super(Timer.class);
  }
}
