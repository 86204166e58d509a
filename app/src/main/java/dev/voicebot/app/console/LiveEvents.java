package dev.voicebot.app.console;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one owner of live call events: call, conversation and record threads {@link #publish}, each
 * browser's stream {@link #subscribe}s. Publishing never waits: every subscriber has a bounded
 * queue, and an event that does not fit is dropped and counted, and that subscriber is marked
 * lagging so its stream starts over from a snapshot rather than showing a call with holes. A slow
 * or stalled browser therefore costs a call thread one failed {@code offer}, never a wait.
 */
public final class LiveEvents {

  /** About a minute of a busy call's events: a browser that falls further behind starts over. */
  static final int QUEUE_CAPACITY = 256;

  private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
  private final Map<String, String> states = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();
  private final int capacity;

  public LiveEvents() {
    this(QUEUE_CAPACITY);
  }

  LiveEvents(int capacity) {
    this.capacity = capacity;
  }

  public void publish(LiveEvent event) {
    switch (event) {
      case LiveEvent.StateChanged s -> states.put(s.callId(), s.state());
      case LiveEvent.CallEnded e -> states.remove(e.callId());
      default -> { }
    }
    for (Subscription s : subscribers) {
      if (!s.queue.offer(event)) {
        dropped.increment();
        s.lagging.set(true);
      }
    }
  }

  /** A new stream's queue; close it when the stream ends. */
  public Subscription subscribe() {
    var subscription = new Subscription(new ArrayBlockingQueue<>(capacity));
    subscribers.add(subscription);
    return subscription;
  }

  /** The conversation state of a call in progress, as last published. */
  public Optional<String> state(String callId) {
    return Optional.ofNullable(states.get(callId));
  }

  public boolean hasSubscribers() {
    return !subscribers.isEmpty();
  }

  public int subscribers() {
    return subscribers.size();
  }

  /** Events dropped because a subscriber's queue was full, over all subscribers. */
  public long dropped() {
    return dropped.sum();
  }

  /** One stream's view of the events. */
  public final class Subscription implements AutoCloseable {

    private final BlockingQueue<LiveEvent> queue;
    private final AtomicBoolean lagging = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Subscription(BlockingQueue<LiveEvent> queue) {
      this.queue = queue;
    }

    /** The next event, or empty when none came within {@code wait} (time for a heartbeat). */
    public Optional<LiveEvent> next(Duration wait) throws InterruptedException {
      return Optional.ofNullable(queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Whether events were dropped since the last call; if so the queue is emptied too, since the
     * stream must resend a snapshot and what is queued is older than that.
     */
    public boolean takeLagging() {
      if (!lagging.getAndSet(false)) {
        return false;
      }
      queue.clear();
      return true;
    }

    public boolean isOpen() {
      return open.get();
    }

    @Override
    public void close() {
      open.set(false);
      subscribers.remove(this);
      queue.clear();
    }
  }
}
