package dev.voicebot.pipeline.conversation;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The actor's event queue. Audio frames are the only high-rate producer, so only they are
 * bounded: when the actor is that far behind, a frame is dropped (and counted) rather than blocking
 * the media clock. Control events and engine results are bounded by construction (one in-flight
 * task per lane) and are never dropped: losing a result would leave the call stuck.
 */
final class Mailbox {

  private final LinkedBlockingQueue<ConversationEvent> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger queuedFrames = new AtomicInteger();
  private final LongAdder droppedFrames = new LongAdder();
  private final int maxQueuedFrames;

  Mailbox(int maxQueuedFrames) {
    this.maxQueuedFrames = maxQueuedFrames;
  }

  /** Enqueues a frame unless too many are waiting; never blocks. */
  boolean offerFrame(ConversationEvent.AudioFrame frame) {
    if (queuedFrames.incrementAndGet() > maxQueuedFrames) {
      queuedFrames.decrementAndGet();
      droppedFrames.increment();
      return false;
    }
    queue.add(frame);
    return true;
  }

  void post(ConversationEvent event) {
    queue.add(event);
  }

  /** The next event, waiting at most {@code timeoutNanos}; null on timeout. */
  ConversationEvent poll(long timeoutNanos) throws InterruptedException {
    ConversationEvent event = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    if (event instanceof ConversationEvent.AudioFrame) {
      queuedFrames.decrementAndGet();
    }
    return event;
  }

  long droppedFrames() {
    return droppedFrames.sum();
  }
}
