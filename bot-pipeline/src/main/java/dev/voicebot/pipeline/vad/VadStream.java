package dev.voicebot.pipeline.vad;

/**
 * One call's view of the detector. Not thread-safe: the owning conversation feeds it from one
 * thread at a time.
 */
public interface VadStream extends AutoCloseable {

  /**
   * Feeds 16 kHz mono samples (any count; the stream windows them internally) and returns the
   * speech probability of the most recent complete window, in [0, 1].
   */
  float accept(short[] pcm16k, int offset, int length);

  /** Forgets the recurrent state, e.g. after a long pause or hold. */
  void reset();

  @Override
  void close();
}
