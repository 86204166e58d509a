package dev.voicebot.sip;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval for events an attacker controls the rate of (403s, throttled
 * requests): a flood must not turn into a flood of log lines. Counts what it suppressed.
 */
final class LogLimiter {

  private final long intervalNanos;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  LogLimiter(java.time.Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** @return -1 if this event should not be logged, else how many were suppressed before it */
  long permit() {
    long now = System.nanoTime();
    long due = next.get();
    if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
      return suppressed.getAndSet(0);
    }
    suppressed.incrementAndGet();
    return -1;
  }
}
