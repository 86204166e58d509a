package dev.voicebot.app.console;

import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/live}: the calls in progress as server-sent events. The stream opens with a
 * {@code snapshot} of every active call (record so far and state), then carries {@link LiveEvent}s;
 * a comment every {@link #HEARTBEAT} keeps proxies from closing an idle stream and tells a gone
 * browser apart (the write fails and the subscription is closed). Each stream has a virtual
 * thread of its own that blocks on the browser's socket, so only that thread waits for a slow
 * browser; if its queue overflows meanwhile it gets a fresh snapshot instead of the lost events.
 * Behind the same bearer token as the rest of {@code /api}.
 */
@RestController
public class LiveController {

  /**
   * A gone browser shows only when a write fails, which is the second one after it left (the
   * first still fits the socket's buffer): so a stream with no calls to report is let go within
   * two heartbeats. A comment line every few seconds costs nothing.
   */
  static final Duration HEARTBEAT = Duration.ofSeconds(5);
  /** Browsers reconnect after this; bounds how long a half-open connection can hold a thread. */
  static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

  private static final Logger log = LoggerFactory.getLogger(LiveController.class);
  private static final AtomicLong STREAMS = new AtomicLong();

  private final LiveEvents events;
  private final CallRecordStore store;

  public LiveController(LiveEvents events, CallRecordStore store) {
    this.events = events;
    this.store = store;
  }

  /** A call in progress as a newly connected browser first sees it. */
  public record LiveCall(CallRecord call, String state) {}

  /** The stream's first event, and again after the browser fell behind. */
  public record Snapshot(List<LiveCall> calls) {}

  @GetMapping(path = "/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter live() {
    var emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
    // Subscribed before the snapshot is taken: nothing falls between the two (an event in both
    // carries its index, and the page applies it once).
    var subscription = events.subscribe();
    emitter.onCompletion(subscription::close);
    emitter.onTimeout(subscription::close);
    emitter.onError(e -> subscription.close());
    Thread.ofVirtual().name("console-stream-" + STREAMS.incrementAndGet()).start(() -> pump(emitter, subscription));
    return emitter;
  }

  private void pump(SseEmitter emitter, LiveEvents.Subscription subscription) {
    try (subscription) {
      send(emitter, "snapshot", snapshot());
      while (subscription.isOpen()) {
        if (subscription.takeLagging()) {
          send(emitter, "snapshot", snapshot());
          continue;
        }
        Optional<LiveEvent> next = subscription.next(HEARTBEAT);
        if (next.isPresent()) {
          send(emitter, next.get().type(), next.get());
        } else {
          emitter.send(SseEmitter.event().comment("heartbeat"));
        }
      }
    } catch (IOException | IllegalStateException e) {
      // The browser went away (or the emitter timed out): nothing to tell anyone.
      log.debug("console stream closed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      emitter.complete();
    }
  }

  private static void send(SseEmitter emitter, String name, Object data) throws IOException {
    emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
  }

  private Snapshot snapshot() {
    return new Snapshot(store.list().stream()
        .filter(r -> r.endedAt() == null)
        .map(r -> new LiveCall(r, events.state(r.callId()).orElse(null)))
        .toList());
  }
}
