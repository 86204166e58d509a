package dev.voicebot.pipeline.conversation;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Recycled buffers for incoming frames: the media clock reuses its array after {@code
 * onAudioFrame} returns, so each frame is copied, and copying into a recycled buffer avoids
 * garbage 50 times a second per call. Thread-safe: filled on the media thread, returned by the actor.
 */
final class FramePool {

  private final ArrayBlockingQueue<short[]> free;
  private final int frameSamples;

  FramePool(int capacity, int frameSamples) {
    this.free = new ArrayBlockingQueue<>(capacity);
    this.frameSamples = frameSamples;
  }

  /** A buffer of at least {@code samples} length. */
  short[] take(int samples) {
    if (samples == frameSamples) {
      short[] buffer = free.poll();
      if (buffer != null) {
        return buffer;
      }
    }
    return new short[samples];
  }

  void give(short[] buffer) {
    if (buffer.length == frameSamples) {
      free.offer(buffer);
    }
  }
}
