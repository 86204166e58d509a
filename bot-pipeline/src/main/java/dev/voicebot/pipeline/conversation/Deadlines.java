package dev.voicebot.pipeline.conversation;

import java.util.EnumMap;
import java.util.Map;

/**
 * The actor's timers, kept as deadlines and fired by its own poll timeout: no timer thread per
 * call, and re-arming or cancelling simply replaces the deadline, so a stale timer cannot fire.
 * Confined to the actor thread.
 */
final class Deadlines {

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

  private final Map<Timer, Long> due = new EnumMap<>(Timer.class);

  void arm(Timer timer, long atNanos) {
    due.put(timer, atNanos);
  }

  void cancel(Timer timer) {
    due.remove(timer);
  }

  void clear() {
    due.clear();
  }

  /** Nanoseconds until the earliest deadline (0 if one has passed), or {@code Long.MAX_VALUE} if none. */
  long nanosUntilNext(long now) {
    long wait = Long.MAX_VALUE;
    for (long at : due.values()) {
      wait = Math.min(wait, Math.max(0, at - now));
    }
    return wait;
  }

  /** Removes and returns the earliest passed deadline, or null. */
  Timer pollDue(long now) {
    Timer earliest = null;
    long earliestAt = 0;
    for (var entry : due.entrySet()) {
      long at = entry.getValue();
      if (at - now <= 0 && (earliest == null || at - earliestAt < 0)) {
        earliest = entry.getKey();
        earliestAt = at;
      }
    }
    if (earliest != null) {
      due.remove(earliest);
    }
    return earliest;
  }
}
