package dev.voicebot.pipeline.turn;

/** The loudness of a frame of 16-bit samples, for telling words from their fading tail. */
public final class FrameLevel {

  /** What an all-zero frame reports: far below any line noise, and not -Infinity (arithmetic stays finite). */
  public static final double SILENCE_DBFS = -120;

  private FrameLevel() {}

  /** RMS level of {@code pcm[offset, offset+length)} relative to full scale, in dB (0 dBFS is a full-scale square wave). */
  public static double dbfs(short[] pcm, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, pcm.length);
    if (length == 0) {
      return SILENCE_DBFS;
    }
    double sum = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      double s = pcm[i];
      sum += s * s;
    }
    double meanSquare = sum / length / (32768.0 * 32768.0);
    return meanSquare <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(meanSquare));
  }
}
