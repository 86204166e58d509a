package dev.voicebot.pipeline.realtime;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The session actor's mailbox. Caller frames are the only high-rate producer that must never
 * wait, so only they are bounded: each is copied into a recycled buffer (the media clock reuses
 * its array) and dropped, and counted, when the actor is that far behind. Everything else is
 * bounded by the protocol and never dropped: losing a server event could leave the call stuck.
 */
final class Inbox {

  private final LinkedBlockingQueue<SessionEvent> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedFrames = new AtomicInteger();
  private final LongAdder dropped = new LongAdder();
  private final ArrayBlockingQueue<short[]> free;
  private final int maxQueuedFrames;
  private final int frameSamples;

  Inbox(int maxQueuedFrames, int frameSamples) {
    this.maxQueuedFrames = maxQueuedFrames;
    this.frameSamples = frameSamples;
    this.free = new ArrayBlockingQueue<>(maxQueuedFrames);
  }

  /** Copies and enqueues a frame unless too many are waiting; never blocks. False when dropped. */
  boolean offerFrame(short[] pcm, long nanos) {
    if (queuedFrames.incrementAndGet() > maxQueuedFrames) {
      queuedFrames.decrementAndGet();
      dropped.increment();
      return false;
    }
    short[] copy = pcm.length == frameSamples ? free.poll() : null;
    if (copy == null) {
      copy = new short[pcm.length];
    }
    System.arraycopy(pcm, 0, copy, 0, pcm.length);
    queue.add(new SessionEvent.Frame(copy, pcm.length, nanos));
    return true;
  }

  void post(SessionEvent event) {
    queue.add(event);
  }

  /** The next event, waiting at most {@code timeoutNanos}; null on timeout. */
  SessionEvent poll(long timeoutNanos) throws InterruptedException {
    SessionEvent event = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (event instanceof SessionEvent.Frame) {
      queuedFrames.decrementAndGet();
    }
    return event;
  }

  /** Returns a handled frame's buffer for reuse. */
  void recycle(short[] buffer) {
    if (buffer.length == frameSamples) {
      free.offer(buffer);
    }
  }

  long dropped() {
    return dropped.sum();
  }
}
