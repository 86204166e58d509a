package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.tts.SynthesisException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Returns {@value #MILLIS_PER_SENTENCE} ms of a tone per sentence and remembers which text each
 * array is, so the recording call can tell what was played. Sentences can be made to fail or to
 * wait for a gate.
 */
final class FakeTts implements SpeechSynthesizer {

  static final int MILLIS_PER_SENTENCE = 100;

  /** Keyed by array identity (arrays do not override equals). */
  final Map<short[], String> textOf = new ConcurrentHashMap<>();
  /** How long each sentence lasts; tests of what was playing when the caller spoke make it longer. */
  volatile int millisPerSentence = MILLIS_PER_SENTENCE;
  volatile Predicate<String> failsOn = text -> false;
  volatile Predicate<String> waitsOn = text -> false;
  final CountDownLatch gate = new CountDownLatch(1);

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    if (waitsOn.test(text)) {
      try {
        gate.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failsOn.test(text)) {
      throw new SynthesisException("festival is down");
    }
    short[] pcm = new short[16 * millisPerSentence];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (3000 * Math.sin(i * 2 * Math.PI * 440 / 16_000));
    }
    textOf.put(pcm, text);
    return pcm;
  }

  @Override
  public void close() {}
}
