package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.Reply;
import java.util.List;

/**
 * One reply being spoken: its sentences, how many have been queued for playout, and what happens
 * once it has been heard. Actor-confined.
 */
final class Speech {

  final long generation;
  final List<String> sentences;
  final Reply.After after;
  final boolean apology;
  private int queued;
  private long lastQueuedNanos = Long.MIN_VALUE;

  Speech(long generation, List<String> sentences, Reply.After after, boolean apology) {
    this.generation = generation;
    this.sentences = List.copyOf(sentences);
    this.after = after;
    this.apology = apology;
  }

  void queued(long nanos) {
    queued++;
    lastQueuedNanos = nanos;
  }

  int queuedCount() {
    return queued;
  }

  boolean allQueued() {
    return queued >= sentences.size();
  }

  /** Whether a drain signal stamped at {@code nanos} came after the last audio was queued. */
  boolean drainedAfterLastQueued(long nanos) {
    return allQueued() && nanos - lastQueuedNanos >= 0;
  }

  /** The sentences not yet handed to playout (what a resume after a false interruption would repeat). */
  List<String> unqueued() {
    return sentences.subList(Math.min(queued, sentences.size()), sentences.size());
  }
}
