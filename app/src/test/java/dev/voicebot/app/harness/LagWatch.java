package dev.voicebot.app.harness;

import dev.voicebot.pipeline.inference.InferenceLoad;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a running bot's recent inference lags every 100 ms while a test's calls run and keeps the
 * worst of each, for the test to print: the lags' own gauges only cover the last second or two.
 */
public final class LagWatch implements AutoCloseable {

  private final AtomicLong recognition = new AtomicLong();
  private final AtomicLong actor = new AtomicLong();
  private final AtomicLong pool = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private LagWatch(InferenceLoad load) {
    sampler = Thread.ofVirtual().name("lag-watch").start(() -> {
      while (running) {
        recognition.accumulateAndGet(load.recentRecognitionLagNanos(), Math::max);
        actor.accumulateAndGet(load.recentActorLagNanos(), Math::max);
        pool.accumulateAndGet(load.recentPoolWaitNanos(), Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  public static LagWatch start(InferenceLoad load) {
    return new LagWatch(load);
  }

  public long recognition() {
    return recognition.get();
  }

  public long actor() {
    return actor.get();
  }

  public long pool() {
    return pool.get();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
