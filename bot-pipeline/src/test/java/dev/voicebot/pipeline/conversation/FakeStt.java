package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.stt.RecognitionStream;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.stt.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * "Recognizes" words by amplitude: the harness speaks each text as frames of a unique amplitude
 * and registers it here. Partials and finals are the texts heard so far in the utterance.
 */
final class FakeStt implements SpeechRecognizer {

  final Map<Short, String> textByAmplitude = new ConcurrentHashMap<>();
  final Set<Short> amplitudesHeard = ConcurrentHashMap.newKeySet();
  final AtomicBoolean streamClosed = new AtomicBoolean();
  /** Every phrase list given to open() or expect(), in order. */
  final List<List<String>> phrasesGiven = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Texts after which, once silence follows, the engine ends the utterance by itself (a final from accept), as Vosk does. */
  final Set<String> engineEndsUtteranceAfter = ConcurrentHashMap.newKeySet();
  /** Partials leave out the latest word, as Vosk's trail the audio by its look-ahead; finals have them all. */
  volatile boolean partialsTrailTheLastWord;
  /** The other readings a final of this text comes with (a recognizer's n-best). */
  final Map<String, List<String>> otherReadings = new ConcurrentHashMap<>();
  volatile boolean failing;
  /** How long each accept() takes: a recognizer on a CPU too short for it. */
  volatile int acceptMillis;
  /** How many finals were asked for (turn ends and checkpoints). */
  final java.util.concurrent.atomic.AtomicInteger finishes = new java.util.concurrent.atomic.AtomicInteger();
  /** When set, finish() waits for it: lets a test hold the conversation in THINKING. */
  volatile CountDownLatch finishGate;

  @Override
  public RecognitionStream open(List<String> phrases) {
    phrasesGiven.add(phrases);
    return new RecognitionStream() {
      private final List<String> words = new ArrayList<>();

      @Override
      public Transcript accept(short[] pcm16k, int offset, int length) {
        if (failing) {
          throw new IllegalStateException("recognizer crashed");
        }
        if (acceptMillis > 0) {
          TestCall.pause(acceptMillis);
        }
        boolean engineEnds = false;
        for (int i = offset; i < offset + length; i++) {
          short amplitude = pcm16k[i];
          amplitudesHeard.add(amplitude);
          String text = textByAmplitude.get(amplitude);
          if (text != null && (words.isEmpty() || !words.getLast().equals(text))) {
            words.add(text);
          }
          engineEnds |= amplitude == 0 && !words.isEmpty() && engineEndsUtteranceAfter.contains(words.getLast());
        }
        if (engineEnds) {
          Transcript ended = new Transcript(String.join(" ", words), true);
          words.clear();
          return ended;
        }
        List<String> heard = partialsTrailTheLastWord && !words.isEmpty() ? words.subList(0, words.size() - 1) : words;
        return new Transcript(String.join(" ", heard), false);
      }

      @Override
      public Transcript finish() {
        finishes.incrementAndGet();
        CountDownLatch gate = finishGate;
        if (gate != null) {
          try {
            gate.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (failing) {
          throw new IllegalStateException("recognizer crashed");
        }
        String text = String.join(" ", words);
        Transcript last = new Transcript(text, true, otherReadings.getOrDefault(text, List.of()));
        words.clear();
        return last;
      }

      @Override
      public void expect(List<String> phrases) {
        phrasesGiven.add(phrases);
      }

      @Override
      public void close() {
        streamClosed.set(true);
      }
    };
  }

  @Override
  public void close() {}
}
