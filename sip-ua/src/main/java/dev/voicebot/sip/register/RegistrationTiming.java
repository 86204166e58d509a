package dev.voicebot.sip.register;

import java.time.Duration;

/**
 * Timers of registration and qualify; the defaults suit real trunks, tests shorten them.
 *
 * @param responseTimeout how long to wait for a final response to one REGISTER or OPTIONS (shorter
 *     than the transaction's own 32 s, so a dead registrar is reported and retried sooner)
 * @param retryMin first back-off delay after a failure; doubles per failure
 * @param retryMax back-off ceiling
 * @param qualifyInterval time between OPTIONS probes to each trunk; zero disables them
 */
public record RegistrationTiming(
    Duration responseTimeout, Duration retryMin, Duration retryMax, Duration qualifyInterval) {

  public static final RegistrationTiming DEFAULT =
      new RegistrationTiming(
          Duration.ofSeconds(8), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(30));

  public RegistrationTiming {
    if (responseTimeout.isNegative() || responseTimeout.isZero()
        || retryMin.isNegative() || retryMin.isZero()
        || retryMax.compareTo(retryMin) < 0
        || qualifyInterval.isNegative()) {
      throw new IllegalArgumentException("bad registration timing: " + responseTimeout + " "
          + retryMin + " " + retryMax + " " + qualifyInterval);
    }
  }
}
