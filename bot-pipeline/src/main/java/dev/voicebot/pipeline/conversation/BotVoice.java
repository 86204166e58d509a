package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Synthesizes the bot's replies, sentence by sentence, in order, on the inference pool. Each
 * reply gets a new generation; bumping it (barge-in, hangup) makes queued work skip itself and
 * lets the actor drop results that were already on their way.
 */
final class BotVoice {

  private final SpeechSynthesizer tts;
  private final SerialExecutor lane;
  private final Consumer<ConversationEvent> post;
  private final LongSupplier clock;
  private final SentenceSplitter splitter = new SentenceSplitter();
  // Written by the actor, read by lane tasks to skip work nobody will play.
  private final AtomicLong generation = new AtomicLong();

  BotVoice(SpeechSynthesizer tts, Executor pool, Consumer<ConversationEvent> post, LongSupplier clock) {
    this.tts = tts;
    this.lane = new SerialExecutor(pool);
    this.post = post;
    this.clock = clock;
  }

  /** Starts speaking {@code text} under a new generation. */
  Speech say(String text, Reply.After after, boolean apology) {
    long current = silence();
    List<String> sentences = splitter.split(text);
    for (int i = 0; i < sentences.size(); i++) {
      int index = i;
      String sentence = sentences.get(i);
      lane.execute(() -> synthesize(current, index, sentence));
    }
    return new Speech(current, sentences, after, apology);
  }

  /**
   * Speaks {@code paused} again from sentence {@code from} on (a false interruption is over),
   * under a new generation; an open (streamed) reply stays open for the sentences still to come.
   */
  Speech resume(Speech paused, int from) {
    long current = silence();
    Speech rest = paused.continuation(current, from);
    for (int i = 0; i < rest.sentences.size(); i++) {
      int index = i;
      String sentence = rest.sentences.get(i);
      lane.execute(() -> synthesize(current, index, sentence));
    }
    return rest;
  }

  /** Starts a reply whose sentences arrive one at a time (a streaming brain), under a new generation. */
  Speech stream() {
    return Speech.streaming(silence());
  }

  /** Adds the next sentence of a streaming reply; it is synthesized after the ones before it. */
  void append(Speech speech, String sentence) {
    int index = speech.sentences.size();
    speech.append(sentence);
    long expected = speech.generation;
    lane.execute(() -> synthesize(expected, index, sentence));
  }

  /** Invalidates everything said so far; returns the new generation. */
  long silence() {
    return generation.incrementAndGet();
  }

  private void synthesize(long expected, int index, String sentence) {
    if (generation.get() != expected) {
      return;
    }
    try {
      short[] pcm = tts.synthesize(sentence);
      post.accept(new ConversationEvent.SpeechReady(expected, index, pcm, clock.getAsLong()));
    } catch (Exception e) {
      post.accept(new ConversationEvent.SpeechFailed(expected, index, e));
    }
  }
}
