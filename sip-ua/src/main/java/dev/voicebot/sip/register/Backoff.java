package dev.voicebot.sip.register;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter: {@code min * 2^(failures-1)}, capped at {@code max}, then
 * scaled by a random factor in [0.75, 1.0]. The jitter spreads a fleet of bots that all lost the
 * registrar at once; keeping it below the doubling keeps every delay longer than the previous one
 * until the cap.
 */
final class Backoff {

  private final Duration min;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration min, Duration max, RandomGenerator random) {
    this.min = min;
    this.max = max;
    this.random = random;
  }

  /** @param failures consecutive failures so far, at least 1 */
  Duration delay(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    long nanos = min.toNanos();
    for (int i = 0; i < doublings && nanos < max.toNanos(); i++) {
      nanos *= 2;
    }
    nanos = Math.min(nanos, max.toNanos());
    return Duration.ofNanos((long) (nanos * (0.75 + 0.25 * random.nextDouble())));
  }
}
