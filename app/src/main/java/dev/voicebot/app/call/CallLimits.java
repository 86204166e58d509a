package dev.voicebot.app.call;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * How many calls the bot takes at once, and where that number came from, plus the inference lag
 * beyond which it takes no more. The call limit is, in order: the configured
 * {@code voicebot.calls.max-concurrent}; the {@code max-concurrent-calls} of the capacity file the
 * capacity benchmark writes for this machine; or, without either, {@link #CALLS_PER_CORE} per core,
 * the knee measured on a 2-core machine (docs/benchmarks/capacity.md: 16 callers all talking at
 * the same moment kept every one understood without load, pacing p99 4.0 ms; 24 lost 7 of 21 to
 * recognition lag) — below any of these the live lag still refuses calls first when the CPU is
 * short.
 *
 * @param source where {@code maxCalls} came from, for the startup log
 */
public record CallLimits(int maxCalls, Duration maxInferenceLag, String source) {

  /** Calls per core without a configured limit or a calibration. */
  public static final int CALLS_PER_CORE = 8;
  /** The key of the call limit in the capacity file. */
  public static final String CAPACITY_KEY = "max-concurrent-calls";

  public CallLimits {
    if (maxCalls < 1) {
      throw new IllegalArgumentException("the call limit must be at least 1, not " + maxCalls);
    }
    if (maxInferenceLag.isNegative()) {
      throw new IllegalArgumentException("max-inference-lag must not be negative: " + maxInferenceLag);
    }
  }

  /**
   * @param configured {@code voicebot.calls.max-concurrent}; 0 for automatic
   * @param capacityFile the calibration file, or null; a set but missing or unreadable file is an
   *     error (a typo must not silently fall back to the default)
   */
  public static CallLimits resolve(int configured, Path capacityFile, Duration maxInferenceLag, int cores) {
    if (configured > 0) {
      return new CallLimits(configured, maxInferenceLag, "voicebot.calls.max-concurrent");
    }
    if (capacityFile != null) {
      return new CallLimits(readCapacity(capacityFile), maxInferenceLag, "capacity file " + capacityFile);
    }
    return new CallLimits(CALLS_PER_CORE * cores, maxInferenceLag, CALLS_PER_CORE + " per core (" + cores + " cores)");
  }

  private static int readCapacity(Path file) {
    var properties = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read voicebot.calls.capacity-file " + file + ": " + e.getMessage(), e);
    }
    String value = properties.getProperty(CAPACITY_KEY);
    if (value == null) {
      throw new IllegalArgumentException("voicebot.calls.capacity-file " + file + " has no " + CAPACITY_KEY);
    }
    try {
      int calls = Integer.parseInt(value.strip());
      if (calls < 1) {
        throw new NumberFormatException("not positive");
      }
      return calls;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          CAPACITY_KEY + " in " + file + " must be a positive whole number, not '" + value + "'", e);
    }
  }
}
