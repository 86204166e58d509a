package dev.voicebot.pipeline.realtime;

import java.util.EnumMap;
import java.util.Map;

/** The actor's deadlines, checked by its own poll timeout (no timer threads). Actor-confined. */
final class SessionTimers {

  enum Timer {
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

  /** A timer whose deadline has passed (removed), or null. */
  Timer pollDue(long nowNanos) {
    for (var entry : due.entrySet()) {
      if (entry.getValue() - nowNanos <= 0) {
        Timer timer = entry.getKey();
        due.remove(timer);
        return timer;
      }
    }
    return null;
  }

  /** How long the actor may wait for an event before a deadline needs it. */
  long nanosUntilNext(long nowNanos) {
    long next = Long.MAX_VALUE;
    for (long at : due.values()) {
      next = Math.min(next, Math.max(0, at - nowNanos));
    }
    return next == Long.MAX_VALUE ? 1_000_000_000L : next;
  }
}
