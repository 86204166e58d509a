package dev.voicebot.pipeline.turn;

/**
 * The level of a line's background noise: the quietest 20 ms frame of the last {@value
 * #BLOCKS} × {@value #BLOCK_FRAMES} frames (1.6 s). Between words, and between sentences, a
 * caller leaves the line at its noise for longer than a syllable, so the minimum over a stretch
 * longer than a word is the noise whatever the VAD thinks of the frames (it misses some voices,
 * see {@link TurnDetector}). At the start of a call the floor is the quietest frame heard yet, so
 * a sound that opens the call is its own floor. No allocation. Not thread-safe: owned by one
 * conversation.
 *
 * <p>Digital silence (frames under {@value #NO_SIGNAL_DBFS} dBFS: the jitter buffer priming
 * before the caller's first packet, a muted or silence-suppressing sender) is no signal at all,
 * not a noise floor, and is left out: counted, it put the floor of a noisy line at -120 dBFS for
 * the 1.6 s after the call's first packet, so its steady noise stood 80 dB "above the noise" and
 * was taken for the caller talking over the greeting.
 */
public final class NoiseFloor {

  static final int BLOCK_FRAMES = 10;
  /** µ-law's quietest non-zero steady signal decodes to about -72 dBFS: anything under this is zeros. */
  static final double NO_SIGNAL_DBFS = -90;
  static final int BLOCKS = 8;

  private final double[] blockMinimum = new double[BLOCKS];
  private int block;
  private int framesInBlock;
  private int framesHeard;

  public NoiseFloor() {
    java.util.Arrays.fill(blockMinimum, Double.POSITIVE_INFINITY);
  }

  /** Takes one frame's level ({@link FrameLevel#dbfs}). */
  public void onFrame(double levelDbfs) {
    if (!(levelDbfs >= NO_SIGNAL_DBFS)) {
      return; // digital silence (or no level at all)
    }
    if (framesInBlock == BLOCK_FRAMES) {
      block = (block + 1) % BLOCKS;
      blockMinimum[block] = Double.POSITIVE_INFINITY;
      framesInBlock = 0;
    }
    blockMinimum[block] = Math.min(blockMinimum[block], levelDbfs);
    framesInBlock++;
    if (framesHeard < BLOCKS * BLOCK_FRAMES) {
      framesHeard++;
    }
  }

  /**
   * Whether the floor has seen a whole window (1.6 s of signal): before that it may be the
   * quietest frame of words that opened the call, not the line's noise.
   */
  public boolean settled() {
    return framesHeard == BLOCKS * BLOCK_FRAMES;
  }

  /** The floor in dBFS; {@link Double#POSITIVE_INFINITY} before any frame. */
  public double dbfs() {
    double min = Double.POSITIVE_INFINITY;
    for (double m : blockMinimum) {
      min = Math.min(min, m);
    }
    return min;
  }
}
