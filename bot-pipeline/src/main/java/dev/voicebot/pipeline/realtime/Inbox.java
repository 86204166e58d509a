package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.actor.EventQueue;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The session actor's {@link EventQueue}. Each caller frame is copied into a recycled buffer (the
 * media clock reuses its array), and only once it is sure to be queued.
 */
final class Inbox extends EventQueue<SessionEvent> {

  private final ArrayBlockingQueue<short[]> free;
  private final int frameSamples;

  Inbox(int maxQueuedFrames, int frameSamples) {
    super(maxQueuedFrames, SessionEvent.Frame.class);
    this.frameSamples = frameSamples;
    this.free = new ArrayBlockingQueue<>(maxQueuedFrames);
  }

  /** Copies and enqueues a frame unless too many are waiting; never blocks. False when dropped. */
  boolean offerFrame(short[] pcm, long nanos) {
    if (!reserveFrame()) {
      return false;
    }
    short[] copy = pcm.length == frameSamples ? free.poll() : null;
    if (copy == null) {
      copy = new short[pcm.length];
    }
    System.arraycopy(pcm, 0, copy, 0, pcm.length);
    post(new SessionEvent.Frame(copy, pcm.length, nanos));
    return true;
  }

  /** Returns a handled frame's buffer for reuse. */
  void recycle(short[] buffer) {
    if (buffer.length == frameSamples) {
      free.offer(buffer);
    }
  }
}
