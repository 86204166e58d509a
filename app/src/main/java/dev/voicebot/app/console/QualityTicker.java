package dev.voicebot.app.console;

import dev.voicebot.rtp.CallQuality;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Publishes each active call's RTP quality (jitter, loss, MOS) every {@link #PERIOD}, but only
 * while a console is watching: the figures change continuously, so they are sampled rather than
 * pushed by the media clock, which must never do more than it has to.
 */
public final class QualityTicker implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("console-quality").daemon().factory());

  private QualityTicker() {
  }

  /** Samples {@code qualities} (call-ID to quality, calls in progress) for {@code events}. */
  public static QualityTicker start(Supplier<Map<String, CallQuality>> qualities, LiveEvents events) {
    var ticker = new QualityTicker();
    ticker.timer.scheduleWithFixedDelay(() -> {
      if (events.hasSubscribers()) {
        qualities.get().forEach((callId, q) -> events.publish(new LiveEvent.QualityNow(callId,
            finite(q.jitterMillis()), finite(q.lossPercent()), finite(q.mos()))));
      }
    }, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return ticker;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
