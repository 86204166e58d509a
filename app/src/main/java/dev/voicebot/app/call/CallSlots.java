package dev.voicebot.app.call;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrent-call limit as slots taken atomically. Checking the number of active calls and
 * adding the new one later let two INVITEs arriving together (each on its own thread) both take
 * the last slot; a slot is taken before any work on the call and given back exactly once.
 */
final class CallSlots {

  private final int limit;
  private final AtomicInteger taken = new AtomicInteger();

  CallSlots(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the call limit must be at least 1, not " + limit);
    }
    this.limit = limit;
  }

  /** Takes a slot; false when all are taken. */
  boolean tryTake() {
    int now;
    do {
      now = taken.get();
      if (now >= limit) {
        return false;
      }
    } while (!taken.compareAndSet(now, now + 1));
    return true;
  }

  void giveBack() {
    if (taken.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
      throw new IllegalStateException("a call slot was given back that was never taken");
    }
  }

  int taken() {
    return taken.get();
  }

  int limit() {
    return limit;
  }
}
