package dev.voicebot.app.call;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether a new call may come in: a free slot under the call limit and, while calls are up, the
 * calls' inference lag below its bound. The lag is what the callers feel (their words known
 * seconds late); refusing the next caller while it is high stops admission before quality drops
 * for everyone. With no call up the lag is stale and never refuses.
 */
final class Admission {

  /** The outcome of {@link #tryAdmit}. */
  sealed interface Decision {}

  /** A slot was taken: give it back with {@link #release} when the call ends. */
  record Admitted() implements Decision {}

  /** All slots taken. */
  record Full(int active, int limit) implements Decision {}

  /** The calls already up are behind: another would make it worse. */
  record Lagging(int active, Duration lag, Duration maxLag) implements Decision {}

  private static final Admitted ADMITTED = new Admitted();

  private final CallSlots slots;
  private final LongSupplier lagNanos;
  private final long maxLagNanos;

  /**
   * @param lagNanos the calls' recent inference lag
   * @param maxLag the lag beyond which new calls are refused; zero: the lag never refuses
   */
  Admission(int maxCalls, LongSupplier lagNanos, Duration maxLag) {
    this.slots = new CallSlots(maxCalls);
    this.lagNanos = lagNanos;
    this.maxLagNanos = maxLag.isZero() ? Long.MAX_VALUE : maxLag.toNanos();
  }

  Decision tryAdmit() {
    int active = slots.taken();
    if (active > 0) {
      long lag = lagNanos.getAsLong();
      if (lag > maxLagNanos) {
        return new Lagging(active, Duration.ofNanos(lag), Duration.ofNanos(maxLagNanos));
      }
    }
    return slots.tryTake() ? ADMITTED : new Full(slots.taken(), slots.limit());
  }

  void release() {
    slots.giveBack();
  }

  /** What OPTIONS answer: whether the next INVITE would be admitted now. */
  boolean accepting() {
    int active = slots.taken();
    return active < slots.limit() && (active == 0 || lagNanos.getAsLong() <= maxLagNanos);
  }

  int limit() {
    return slots.limit();
  }
}
