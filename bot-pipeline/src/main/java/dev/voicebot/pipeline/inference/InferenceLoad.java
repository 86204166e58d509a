package dev.voicebot.pipeline.inference;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * How far behind the calls' speech processing is, live, and what it shed. Shared by all calls;
 * thread-safe and allocation-free to record.
 *
 * <ul>
 *   <li><b>recognition lag</b>: from the caller's audio reaching the recognizer's queue to its
 *       words being known (queueing on the pool plus decoding), per batch;
 *   <li><b>actor lag</b>: from a caller frame's arrival to its call's actor (VAD, turn-taking)
 *       taking it;
 *   <li><b>pool wait</b>: from a task's submission to the inference pool to its start.
 * </ul>
 *
 * Each keeps its recent maximum (over the last one to two seconds, what admission looks at) and
 * running totals (what metrics export).
 */
public final class InferenceLoad {

  /** The window of the recent maxima. */
  static final long WINDOW_NANOS = 1_000_000_000L;

  private final LongSupplier clock;
  private final RecentMax recognition = new RecentMax(WINDOW_NANOS);
  private final RecentMax actor = new RecentMax(WINDOW_NANOS);
  private final RecentMax poolWait = new RecentMax(WINDOW_NANOS);
  private final Map<Shed, LongAdder> shed = new EnumMap<>(Shed.class);
  private final LongAdder decodedAudioNanos = new LongAdder();
  private final LongAdder decodingNanos = new LongAdder();
  private volatile long lastDecodedNanos = Long.MIN_VALUE / 2;
  private final AtomicInteger openStreams = new AtomicInteger();
  private final LongAdder streamsOpened = new LongAdder();

  public InferenceLoad() {
    this(System::nanoTime);
  }

  public InferenceLoad(LongSupplier clock) {
    this.clock = clock;
    for (Shed s : Shed.values()) {
      shed.put(s, new LongAdder());
    }
  }

  public void recordRecognitionLag(long nanos) {
    recognition.record(nanos, clock.getAsLong());
  }

  public void recordActorLag(long nanos) {
    actor.record(nanos, clock.getAsLong());
  }

  public void recordPoolWait(long nanos) {
    poolWait.record(nanos, clock.getAsLong());
  }

  /** A recognizer took {@code workNanos} for {@code audioNanos} of audio (wall time on its thread). */
  public void recordDecoding(long audioNanos, long workNanos) {
    decodedAudioNanos.add(audioNanos);
    decodingNanos.add(workNanos);
    lastDecodedNanos = clock.getAsLong();
  }

  /** When a recognizer last finished a batch: a pool that is decoding is behind, not wedged. */
  public long lastDecodedNanos() {
    return lastDecodedNanos;
  }

  /** Seconds of audio recognized so far, and the seconds it took: their ratio is the real-time factor. */
  public double decodedAudioSeconds() {
    return decodedAudioNanos.sum() / 1e9;
  }

  public double decodingSeconds() {
    return decodingNanos.sum() / 1e9;
  }

  /** Counts one thing shed; the caller logs it (with the call's id, which this does not know). */
  public void shed(Shed what) {
    shed.get(what).increment();
  }

  public long shedCount(Shed what) {
    return shed.get(what).sum();
  }

  /** A recognition stream (a Kaldi decoder, native memory) was opened / closed. */
  public void streamOpened() {
    openStreams.incrementAndGet();
    streamsOpened.increment();
  }

  public void streamClosed() {
    openStreams.decrementAndGet();
  }

  /** Recognition streams open now: one per call that has heard speech, none after the calls end. */
  public int openStreams() {
    return openStreams.get();
  }

  public long streamsOpened() {
    return streamsOpened.sum();
  }

  /** The worst of the recent recognition, actor and pool lags: how far behind the callers the bot is. */
  public long recentLagNanos() {
    long now = clock.getAsLong();
    return Math.max(recognition.recent(now), Math.max(actor.recent(now), poolWait.recent(now)));
  }

  public long recentRecognitionLagNanos() {
    return recognition.recent(clock.getAsLong());
  }

  public long recentActorLagNanos() {
    return actor.recent(clock.getAsLong());
  }

  public long recentPoolWaitNanos() {
    return poolWait.recent(clock.getAsLong());
  }

  /** Running totals, for a metrics exporter: {@code count} measurements summing to {@code totalNanos}. */
  public record Totals(long count, long totalNanos) {}

  public Totals recognitionTotals() {
    return new Totals(recognition.count(), recognition.total());
  }

  public Totals actorTotals() {
    return new Totals(actor.count(), actor.total());
  }

  public Totals poolWaitTotals() {
    return new Totals(poolWait.count(), poolWait.total());
  }
}
