package dev.voicebot.pipeline.inference;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest value recorded in the current and the previous window (so a reading never covers
 * less than one whole window), plus running totals. Lock-free and allocation-free: recorded from
 * the media path. Racing rollovers may lose a value near a window edge, which a live gauge allows.
 */
final class RecentMax {

  private final long windowNanos;
  private final AtomicLong window = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong current = new AtomicLong();
  private final AtomicLong previous = new AtomicLong();
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong total = new AtomicLong();

  RecentMax(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  void record(long value, long nowNanos) {
    roll(nowNanos);
    current.accumulateAndGet(value, Math::max);
    count.incrementAndGet();
    total.addAndGet(value);
  }

  long recent(long nowNanos) {
    roll(nowNanos);
    return Math.max(current.get(), previous.get());
  }

  long count() {
    return count.get();
  }

  long total() {
    return total.get();
  }

  private void roll(long nowNanos) {
    long index = Math.floorDiv(nowNanos, windowNanos);
    long seen = window.get();
    if (index > seen && window.compareAndSet(seen, index)) {
      long last = current.getAndSet(0);
      previous.set(index == seen + 1 ? last : 0);
    }
  }
}
