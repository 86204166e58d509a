package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.tools.CallEffect;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply being spoken: its sentences, how many have been queued for playout, and what happens
 * once it has been heard. A scripted reply knows all its sentences up front; a streamed one (LLM)
 * is open while sentences keep arriving and is closed with what follows it, including call
 * effects that must wait until it has been heard. Actor-confined.
 */
final class Speech {

  final long generation;
  final List<String> sentences;
  Reply.After after;
  final boolean apology;
  private boolean open;
  private List<CallEffect> effects = List.of();
  private int queued;
  private long lastQueuedNanos = Long.MIN_VALUE;
  private boolean drainedSinceLastQueued;
  /** Estimated end of playout of each queued sentence, in queue order (see {@link #playingAt}). */
  private final List<Long> playsUntil = new ArrayList<>();

  Speech(long generation, List<String> sentences, Reply.After after, boolean apology) {
    this.generation = generation;
    this.sentences = new ArrayList<>(sentences);
    this.after = after;
    this.apology = apology;
  }

  /** An empty reply whose sentences will be appended as a brain streams them. */
  static Speech streaming(long generation) {
    Speech speech = new Speech(generation, List.of(), Reply.After.LISTEN, false);
    speech.open = true;
    return speech;
  }

  void append(String sentence) {
    if (!open) {
      throw new IllegalStateException("speech is closed");
    }
    sentences.add(sentence);
  }

  /** No more sentences: once all are heard, run {@code effects}, then do {@code after}. */
  void close(Reply.After after, List<CallEffect> effects) {
    this.open = false;
    this.after = after;
    this.effects = List.copyOf(effects);
  }

  boolean isOpen() {
    return open;
  }

  List<CallEffect> effects() {
    return effects;
  }

  void queued(long nanos) {
    queued++;
    lastQueuedNanos = nanos;
    drainedSinceLastQueued = false;
  }

  /** The sentence just queued is estimated to finish playing at {@code nanos}. */
  void playsUntil(long nanos) {
    playsUntil.add(nanos);
  }

  /**
   * The sentence the caller was hearing at {@code nanos} by the playout estimates: the first queued
   * sentence not yet over, or the first not yet queued if all queued ones were played.
   */
  int playingAt(long nanos) {
    for (int i = 0; i < playsUntil.size(); i++) {
      if (playsUntil.get(i) - nanos > 0) {
        return i;
      }
    }
    return Math.min(playsUntil.size(), sentences.size());
  }

  /**
   * The rest of this reply from sentence {@code from} on, as a new reply under {@code generation}:
   * open if this one still is, with the same ending and effects. Nothing of it is queued yet.
   */
  Speech continuation(long generation, int from) {
    Speech rest = new Speech(generation, sentences.subList(Math.min(from, sentences.size()), sentences.size()), after,
        apology);
    rest.open = open;
    rest.effects = effects;
    return rest;
  }

  /** Playout ran empty at {@code nanos}; remembered, since a streamed reply may close only later. */
  void drained(long nanos) {
    if (queued > 0 && nanos - lastQueuedNanos >= 0) {
      drainedSinceLastQueued = true;
    }
  }

  int queuedCount() {
    return queued;
  }

  boolean allQueued() {
    return !open && queued >= sentences.size();
  }

  /** Whether a drain signal stamped at {@code nanos} came after the last audio was queued. */
  boolean drainedAfterLastQueued(long nanos) {
    return allQueued() && nanos - lastQueuedNanos >= 0;
  }

  /** Whether everything has been played already (or there was nothing to play). */
  boolean heardAll() {
    return allQueued() && (sentences.isEmpty() || drainedSinceLastQueued);
  }

  /** The sentences handed to playout so far: what the caller can have heard. */
  List<String> queuedSentences() {
    return List.copyOf(sentences.subList(0, Math.min(queued, sentences.size())));
  }

  /** The sentences not yet handed to playout (what a resume after a false interruption would repeat). */
  List<String> unqueued() {
    return List.copyOf(sentences.subList(Math.min(queued, sentences.size()), sentences.size()));
  }
}
