package dev.voicebot.pipeline.actor;

import java.util.EnumMap;
import java.util.Map;

/**
 * An actor's timers, kept as deadlines and fired by its own poll timeout: no timer thread per
 * call, and re-arming or cancelling simply replaces the deadline, so a stale timer cannot fire.
 * The actor loop asks {@link #pollDue} for a passed timer to dispatch, else waits on its inbox for
 * at most {@link #nanosUntilNext}. Confined to the actor thread.
 *
 * @param <T> the actor's timers
 */
public class Timers<T extends Enum<T>> {

  private final Map<T, Long> due;

  public Timers(Class<T> timers) {
    due = new EnumMap<>(timers);
  }

  public final void arm(T timer, long atNanos) {
    due.put(timer, atNanos);
  }

  public final void cancel(T timer) {
    due.remove(timer);
  }

  public final void clear() {
    due.clear();
  }

  /** Nanoseconds until the earliest deadline (0 if one has passed), or {@code Long.MAX_VALUE} if none. */
  public final long nanosUntilNext(long now) {
    long wait = Long.MAX_VALUE;
    for (long at : due.values()) {
      wait = Math.min(wait, Math.max(0, at - now));
    }
    return wait;
  }

  /** Removes and returns the earliest passed deadline, or null. */
  public final T pollDue(long now) {
    T earliest = null;
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
