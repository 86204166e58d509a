package dev.voicebot.pipeline.actor;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An actor's event queue. Audio frames are the only high-rate producer that must never wait, so
 * only they are bounded: when the actor is that far behind, a frame is dropped (and counted)
 * rather than blocking the media clock. Everything else is bounded by construction (one in-flight
 * task per lane, or the protocol) and never dropped: losing a result or a server event would leave
 * the call stuck.
 *
 * @param <E> the actor's events
 */
public class EventQueue<E> {

  private final LinkedBlockingQueue<E> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedFrames = new AtomicInteger();
  private final LongAdder droppedFrames = new LongAdder();
  private final int maxQueuedFrames;
  private final Class<? extends E> frameType;

  /** @param frameType the events that are audio frames: bounded, and dropped when too many wait */
  public EventQueue(int maxQueuedFrames, Class<? extends E> frameType) {
    this.maxQueuedFrames = maxQueuedFrames;
    this.frameType = frameType;
  }

  /** Enqueues a frame unless too many are waiting; never blocks. False when dropped. */
  public final boolean offerFrame(E frame) {
    if (!reserveFrame()) {
      return false;
    }
    queue.add(frame);
    return true;
  }

  /**
   * Takes a frame's place unless too many are waiting (then counts the frame dropped), for a
   * subclass that prepares the frame only once it is sure to be queued; it then {@link #post}s it.
   */
  protected final boolean reserveFrame() {
    if (queuedFrames.incrementAndGet() > maxQueuedFrames) {
      queuedFrames.decrementAndGet();
      droppedFrames.increment();
      return false;
    }
    return true;
  }

  public final void post(E event) {
    queue.add(event);
  }

  /** The next event, waiting at most {@code timeoutNanos}; null on timeout. */
  public final E poll(long timeoutNanos) throws InterruptedException {
    E event = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (frameType.isInstance(event)) {
      queuedFrames.decrementAndGet();
    }
    return event;
  }

  /** Frames waiting for the actor: how far behind the caller's audio it is, in frames. */
  public final int queuedFrames() {
    return queuedFrames.get();
  }

  public final long droppedFrames() {
    return droppedFrames.sum();
  }
}
