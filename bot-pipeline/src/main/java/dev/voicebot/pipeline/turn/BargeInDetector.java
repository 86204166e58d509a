package dev.voicebot.pipeline.turn;

/**
 * Sees a caller start to talk over the bot sooner than the turn detector confirms an onset, from
 * the caller's own signal: two frames in a row (40 ms) that the VAD leans towards speech (a low
 * probability, {@value #MIN_PROBABILITY}) and whose level stands {@value #ABOVE_FLOOR_DB} dB
 * above the line's noise floor.
 *
 * <p>Why: Silero's probability climbs over the first syllable, and how fast depends on the
 * voice. Measured on phone-band speech from the first frame above -45 dBFS, the turn detector's
 * confirmed onset (probability 0.5, held 60 ms) came 40-120 ms in (espeak-ng's voice: 100-120);
 * this test fires 20-40 ms in for the same voices. The bot's audio is stopped at once on it, and
 * resumed if the turn detector does not confirm speech soon after (a click, a breath), so the
 * early decision costs a stutter when wrong, never a lost reply.
 *
 * <p>Only meaningful on a line known not to echo: there every sound on the line is the caller's.
 * With echo, what is left of the bot's own voice after cancellation can pass this test, and the
 * confirmed onset decides alone. Not thread-safe: owned by one conversation.
 */
public final class BargeInDetector {

  static final float MIN_PROBABILITY = 0.2f;
  /** Quieter frames are line noise however clean the line: a caller's words are louder. */
  static final double MIN_LEVEL_DBFS = -50;
  static final double ABOVE_FLOOR_DB = 12;
  static final int FRAMES = 2;
  private final NoiseFloor floor = new NoiseFloor();
  private int run;

  /**
   * Feeds one frame.
   *
   * @param probability the VAD's speech probability for the frame
   * @param levelDbfs the frame's level ({@link FrameLevel#dbfs})
   * @return true on the frame that completes a fast onset (once per run of such frames)
   */
  public boolean onFrame(float probability, double levelDbfs) {
    floor.onFrame(levelDbfs);
    boolean speechLike = probability >= MIN_PROBABILITY
        && levelDbfs >= Math.max(MIN_LEVEL_DBFS, floor.dbfs() + ABOVE_FLOOR_DB);
    run = speechLike ? run + 1 : 0;
    return run == FRAMES;
  }

  /** The line's noise floor as learned so far, dBFS. */
  public double floorDbfs() {
    return floor.dbfs();
  }
}
