package dev.voicebot.pipeline.corpus;

/**
 * The line a caller speaks on: how loud, and how much noise (none, or seeded pink noise at
 * {@code snrDb} below the speech's active level).
 *
 * @param snrDb signal-to-noise ratio in dB, or {@code Double.POSITIVE_INFINITY} for a clean line
 * @param noiseSeed the noise's seed: the same seed gives the same noise, run after run
 */
public record LineCondition(Level level, double snrDb, long noiseSeed) {

  /** The noisy lines' SNR: a busy street or a car, still a usable call. */
  public static final double NOISY_SNR_DB = 15;

  public static final LineCondition CLEAN = clean(Level.NOMINAL);
  public static final LineCondition NOISY = noisy(Level.NOMINAL);

  public static LineCondition clean(Level level) {
    return new LineCondition(level, Double.POSITIVE_INFINITY, 0);
  }

  public static LineCondition noisy(Level level) {
    return new LineCondition(level, NOISY_SNR_DB, 9);
  }

  public boolean noisy() {
    return Double.isFinite(snrDb);
  }

  /** A short name for tables: "clean -26", "noisy -38". */
  public String label() {
    return (noisy() ? "noisy" : "clean") + " " + Math.round(level.dbov());
  }
}
