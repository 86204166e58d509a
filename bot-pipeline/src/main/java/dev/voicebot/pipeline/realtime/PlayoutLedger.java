package dev.voicebot.pipeline.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of the model's audio the caller has actually heard, so a barge-in can truncate the
 * interrupted item to that point (the model then forgets what the caller never heard).
 *
 * <p>The app's playout queue plays in real time once started: {@code onPlayoutStarted} stamps the
 * start of a talkspurt, {@code onPlayoutDrained} says everything queued before it was played.
 * Between the two, the play position is the time elapsed since the start, capped by what was
 * queued. Positions are in 16 kHz samples, the rate audio is queued at; the model's timeline is
 * the same in milliseconds. Actor-confined.
 */
final class PlayoutLedger {

  static final int RATE = 16_000;
  private static final long NONE = Long.MIN_VALUE;

  /** One {@code play()} call's audio. */
  private record Segment(String itemId, int contentIndex, int samples, long queuedNanos) {}

  /** How far the caller heard into one item. */
  record Heard(String itemId, int contentIndex, long audioEndMs) {}

  /** Queued audio not yet known to be played, in playout order. */
  private final ArrayDeque<Segment> pending = new ArrayDeque<>();
  /** Samples of each item known to be played (earlier talkspurts). */
  private final Map<String, Long> playedSamples = new HashMap<>();
  private long spurtStartNanos = NONE;
  private long playoutEndsAtNanos;

  void queued(String itemId, int contentIndex, int samples, long nowNanos) {
    pending.addLast(new Segment(itemId, contentIndex, samples, nowNanos));
    playoutEndsAtNanos = Math.max(nowNanos, playoutEndsAtNanos) + nanos(samples);
  }

  /** Playout of the pending audio began at {@code nanos} (ignored if already playing). */
  void started(long nanos) {
    if (spurtStartNanos == NONE && !pending.isEmpty()) {
      spurtStartNanos = nanos;
    }
  }

  /** The queue ran empty at {@code nanos}: everything queued before then was played. */
  void drained(long nanos) {
    while (!pending.isEmpty() && pending.peekFirst().queuedNanos() - nanos <= 0) {
      Segment s = pending.removeFirst();
      playedSamples.merge(s.itemId(), (long) s.samples(), Long::sum);
    }
    // Audio queued after the drain waits for its own start signal.
    spurtStartNanos = NONE;
  }

  /** Treats everything queued as played (the drain signal was lost). */
  void assumePlayed() {
    drained(Long.MAX_VALUE);
    pending.clear();
  }

  /** Whether queued audio may still be playing or waiting to play. */
  boolean busy() {
    return !pending.isEmpty();
  }

  /** When the queued audio should have finished playing, at the latest sensible estimate. */
  long estimatedEndNanos() {
    return playoutEndsAtNanos;
  }

  /**
   * How far the caller has heard into each item whose audio has not been played to its end, at
   * {@code nowNanos}: the item at the play position is cut there, items queued behind it at what
   * was heard of them before (0 ms for new ones). Items played out entirely are not listed.
   */
  List<Heard> heardAt(long nowNanos) {
    long elapsed = spurtStartNanos == NONE ? 0 : Math.max(0, (nowNanos - spurtStartNanos) * RATE / 1_000_000_000L);
    Map<String, Heard> byItem = new LinkedHashMap<>();
    Map<String, Long> heard = new HashMap<>(playedSamples);
    for (Segment s : pending) {
      long played = Math.min(elapsed, s.samples());
      elapsed -= played;
      long total = heard.merge(s.itemId(), played, Long::sum);
      if (played < s.samples()) {
        // Still playing or not reached: the caller has heard this item up to here and no further.
        byItem.putIfAbsent(s.itemId(), new Heard(s.itemId(), s.contentIndex(), total * 1000 / RATE));
      }
    }
    return new ArrayList<>(byItem.values());
  }

  /** The queue was cleared (barge-in): nothing pending plays any more. */
  void cleared(long nowNanos) {
    pending.clear();
    spurtStartNanos = NONE;
    playoutEndsAtNanos = nowNanos;
  }

  private static long nanos(int samples) {
    return samples * (1_000_000_000L / RATE);
  }
}
