package dev.voicebot.pipeline.corpus;

/**
 * How loud a caller is: the active speech level in dBov (0 dBov is a full-scale square wave, RMS
 * 32768), measured over the voiced frames only so that pauses do not lower it.
 */
public enum Level {
  /** A caller close to a loud handset; peaks may clip, as they do on real lines. */
  LOUD(-16),
  /** The nominal level of a telephone line (ITU-T P.56 practice). */
  NOMINAL(-26),
  /** A distant or soft-spoken caller, 12 dB below nominal. */
  QUIET(-38);

  private final double dbov;

  Level(double dbov) {
    this.dbov = dbov;
  }

  public double dbov() {
    return dbov;
  }
}
