package dev.voicebot.pipeline.turn;

/**
 * The most recent audio before a speech onset. VAD confirms speech only after some of it has
 * passed, and its window lags the first syllable; the recognizer gets this audio first so it hears
 * the word's beginning. A fixed ring: no allocation per frame.
 */
public final class PreRollBuffer {

  private final short[] ring;
  private int start;
  private int size;

  public PreRollBuffer(int capacitySamples) {
    if (capacitySamples < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.ring = new short[capacitySamples];
  }

  /** Appends samples, overwriting the oldest once full. */
  public void write(short[] samples, int offset, int length) {
    for (int i = 0; i < length; i++) {
      ring[(start + size) % ring.length] = samples[offset + i];
      if (size < ring.length) {
        size++;
      } else {
        start = (start + 1) % ring.length;
      }
    }
  }

  /** Copies the buffered audio, oldest first, into {@code target} from index 0; returns the count. */
  public int drainTo(short[] target) {
    int count = Math.min(size, target.length);
    int skip = size - count;
    for (int i = 0; i < count; i++) {
      target[i] = ring[(start + skip + i) % ring.length];
    }
    clear();
    return count;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return ring.length;
  }

  public void clear() {
    start = 0;
    size = 0;
  }
}
