package dev.voicebot.pipeline.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.models.TestSpeech;
import java.util.ArrayList;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VoskRecognizerTest {

  private static final int FRAME = 320;
  private static final List<String> DIGITS =
      List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

  private static VoskRecognizer recognizer;

  @BeforeAll
  static void load() {
    recognizer = new VoskRecognizer(TestModels.voskModelDir());
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  /** Feeds speech in 20 ms frames and returns the transcripts the stream produced, then finish(). */
  private static List<Transcript> feed(RecognitionStream stream, short[] pcm) {
    List<Transcript> out = new ArrayList<>();
    for (int at = 0; at < pcm.length; at += FRAME) {
      out.add(stream.accept(pcm, at, Math.min(FRAME, pcm.length - at)));
    }
    out.add(stream.finish());
    return out;
  }

  private static String finalText(List<Transcript> transcripts) {
    return String.join(
            " ", transcripts.stream().filter(Transcript::isFinal).map(Transcript::text).filter(t -> !t.isEmpty()).toList())
        .strip();
  }

  private static short[] utterance(String text) {
    return TestSpeech.concat(TestSpeech.silence(200), TestSpeech.spoken(text), TestSpeech.silence(200));
  }

  @Test
  void transcribesAFreeSpeechQuestion() {
    try (RecognitionStream stream = recognizer.open(List.of())) {
      List<Transcript> transcripts = feed(stream, utterance("what are your opening hours"));
      assertThat(finalText(transcripts)).contains("opening hours");
      assertThat(transcripts).anySatisfy(t -> assertThat(t.isFinal()).isFalse());
      assertThat(transcripts.stream().filter(t -> !t.isFinal()).map(Transcript::text))
          .as("partials grow while the caller speaks")
          .anySatisfy(t -> assertThat(t).isNotEmpty());
    }
  }

  @Test
  void aFinalCarriesTheRecognizersOtherReadings() {
    // A voice the recognizer finds hard (espeak-ng, on a phone line): its best reading is unsure.
    var line = LineCondition.CLEAN;
    short[] audio = CallerCorpus.open().say(Voice.ESPEAK_US, "can you check on my delivery", line).padded(200, 200, line)
        .pcm16k();
    try (RecognitionStream stream = recognizer.open(List.of())) {
      List<Transcript> transcripts = feed(stream, audio);
      Transcript last = transcripts.getLast();
      assertThat(last.isFinal()).isTrue();
      assertThat(last.alternatives()).isNotEmpty().doesNotContain(last.text());
      assertThat(last.alternatives().size()).isLessThan(VoskStream.READINGS);
      assertThat(transcripts.stream().filter(t -> !t.isFinal())).allSatisfy(t -> assertThat(t.alternatives()).isEmpty());
    }
  }

  @Test
  void aDigitGrammarRecognizesSpokenDigits() {
    try (RecognitionStream stream = recognizer.open(DIGITS)) {
      assertThat(finalText(feed(stream, utterance("one two three four five")))).isEqualTo("one two three four five");
    }
  }

  @Test
  void finishReturnsAFinalAndTheStreamIsReusable() {
    try (RecognitionStream stream = recognizer.open(List.of())) {
      short[] speech = TestSpeech.spoken("what are your opening hours");
      for (int at = 0; at < speech.length; at += FRAME) {
        stream.accept(speech, at, Math.min(FRAME, speech.length - at));
      }
      Transcript first = stream.finish();
      assertThat(first.isFinal()).isTrue();
      assertThat(first.text()).contains("opening hours");

      assertThat(finalText(feed(stream, utterance("thank you very much")))).contains("thank you");
    }
  }

  @Test
  void expectSwitchesTheGrammarForTheNextUtterance() {
    try (RecognitionStream stream = recognizer.open(DIGITS)) {
      assertThat(finalText(feed(stream, utterance("what are your opening hours")))).doesNotContain("opening");
      stream.expect(List.of());
      assertThat(finalText(feed(stream, utterance("what are your opening hours")))).contains("opening hours");
      stream.expect(DIGITS);
      assertThat(finalText(feed(stream, utterance("seven eight nine")))).isEqualTo("seven eight nine");
    }
  }

  @Test
  void expectMidUtteranceWaitsForTheUtteranceToEnd() {
    try (RecognitionStream stream = recognizer.open(List.of())) {
      short[] speech = utterance("what are your opening hours");
      int half = speech.length / 2;
      stream.accept(speech, 0, half);
      stream.expect(DIGITS);
      stream.accept(speech, half, speech.length - half);
      assertThat(stream.finish().text()).contains("opening hours");
      assertThat(finalText(feed(stream, utterance("four four two")))).isEqualTo("four four two");
    }
  }

  @Test
  void finishWithoutAudioIsAnEmptyFinal() {
    try (RecognitionStream stream = recognizer.open(List.of())) {
      Transcript t = stream.finish();
      assertThat(t.isFinal()).isTrue();
      assertThat(t.isEmpty()).isTrue();
    }
  }

  @Test
  void aDirectoryWithoutAModelIsRefused(@TempDir java.nio.file.Path dir) {
    assertThatThrownBy(() -> new VoskRecognizer(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString());
  }

  @Test
  void recognitionIsFasterThanRealTimeAndTheFinalComesQuickly() {
    short[] speech = utterance("what are your opening hours");
    try (RecognitionStream stream = recognizer.open(List.of())) {
      feed(stream, speech); // warm up
      long start = System.nanoTime();
      for (int at = 0; at < speech.length; at += FRAME) {
        stream.accept(speech, at, Math.min(FRAME, speech.length - at));
      }
      long fed = System.nanoTime();
      stream.finish();
      long finished = System.nanoTime();
      double rtf = (fed - start) / 1e9 / (speech.length / 16_000.0);
      double finishMs = (finished - fed) / 1e6;
      stream.expect(DIGITS);
      double switchMs = (System.nanoTime() - finished) / 1e6;
      System.out.printf(
          "Vosk: real-time factor %.3f, finish() %.1f ms, grammar switch %.1f ms%n", rtf, finishMs, switchMs);
      assertThat(rtf).isLessThan(1.0);
      assertThat(finishMs).isLessThan(500); // budget is 50 ms; generous for loaded CI machines
    }
  }
}
