package dev.voicebot.pipeline.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.models.TestSpeech;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SileroVadTest {

  private static final int FRAME = 320; // 20 ms at 16 kHz, as the media path delivers it
  private static final int WINDOW = SileroVadStream.WINDOW;

  private static SileroVad vad;
  private static short[] speech;

  @BeforeAll
  static void load() {
    vad = new SileroVad(TestModels.sileroModel());
    speech =
        TestSpeech.concat(
            TestSpeech.silence(300), TestSpeech.spoken("hello there, how are you"), TestSpeech.silence(300));
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  /** Probability of every window, fed in {@code chunk}-sample pieces. */
  private static List<Float> windowProbabilities(VadStream stream, short[] pcm, int chunk) {
    List<Float> perWindow = new ArrayList<>();
    int windowsSeen = 0;
    for (int at = 0; at < pcm.length; at += chunk) {
      int n = Math.min(chunk, pcm.length - at);
      float p = stream.accept(pcm, at, n);
      int windowsNow = (at + n) / WINDOW;
      if (windowsNow > windowsSeen) {
        perWindow.add(p);
        windowsSeen = windowsNow;
      }
    }
    return perWindow;
  }

  private static List<Float> probabilitiesByWindow(short[] pcm) {
    try (VadStream stream = vad.openStream()) {
      return windowProbabilities(stream, pcm, WINDOW);
    }
  }

  @Test
  void voicedWindowsOfSpeechScoreAboveHalf() {
    List<Float> p = probabilitiesByWindow(speech);
    double peak = 0;
    for (int w = 0; w < p.size(); w++) {
      peak = Math.max(peak, TestSpeech.rms(speech, w * WINDOW, (w + 1) * WINDOW));
    }
    int voiced = 0;
    int voicedAboveHalf = 0;
    for (int w = 1; w < p.size(); w++) { // window 0 has no history; skip it
      if (TestSpeech.rms(speech, w * WINDOW, (w + 1) * WINDOW) > 0.1 * peak) {
        voiced++;
        if (p.get(w) > 0.5f) {
          voicedAboveHalf++;
        }
      }
    }
    assertThat(voiced).isGreaterThan(20);
    assertThat((double) voicedAboveHalf / voiced).as("share of voiced windows scoring > 0.5").isGreaterThan(0.9);
    assertThat(p.stream().mapToDouble(Float::doubleValue).max().orElseThrow()).isGreaterThan(0.9);
  }

  @Test
  void digitalSilenceScoresBelowPointTwo() {
    assertThat(probabilitiesByWindow(TestSpeech.silence(2000))).allSatisfy(p -> assertThat(p).isLessThan(0.2f));
  }

  @Test
  void lowWhiteNoiseScoresBelowPointTwo() {
    Random random = new Random(42);
    short[] noise = new short[16_000 * 2];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) Math.round(random.nextGaussian() * 100); // about -50 dBFS
    }
    assertThat(probabilitiesByWindow(noise)).allSatisfy(p -> assertThat(p).isLessThan(0.2f));
  }

  @Test
  void twentyMillisecondFramesGiveTheSameWindowsAsWholeWindows() {
    List<Float> byWindow = probabilitiesByWindow(speech);
    List<Float> byFrame;
    try (VadStream stream = vad.openStream()) {
      byFrame = windowProbabilities(stream, speech, FRAME);
    }
    assertThat(byFrame).containsExactlyElementsOf(byWindow);
  }

  @Test
  void aCallWithoutACompleteWindowReturnsThePreviousProbability() {
    try (VadStream stream = vad.openStream()) {
      float afterWindow = stream.accept(speech, 0, 16_000);
      assertThat(stream.accept(new short[100], 0, 100)).isEqualTo(afterWindow);
    }
  }

  @Test
  void resetForgetsTheRecurrentState() {
    try (VadStream stream = vad.openStream()) {
      List<Float> first = windowProbabilities(stream, speech, FRAME);
      stream.reset();
      assertThat(windowProbabilities(stream, speech, FRAME)).containsExactlyElementsOf(first);
    }
  }

  @Test
  void concurrentStreamsOnOneSessionDoNotDisturbEachOther() throws Exception {
    List<Float> expected = probabilitiesByWindow(speech);
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<Float>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<List<Float>> task = () -> probabilitiesByWindow(speech);
        results.add(pool.submit(task));
      }
      for (Future<List<Float>> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void aModelWithTheWrongHashIsRefusedNamingFileAndBothHashes(@TempDir Path dir) throws Exception {
    Path fake = Files.write(dir.resolve("silero_vad.onnx"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> new SileroVad(fake))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(fake.toString())
        .hasMessageContaining(SileroVad.MODEL_SHA256)
        .hasMessageContaining("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
  }

  @Test
  void inferenceCostIsWellBelowTheWindowDuration() {
    try (VadStream stream = vad.openStream()) {
      windowProbabilities(stream, speech, FRAME); // warm up
      int rounds = 5;
      long start = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        windowProbabilities(stream, speech, FRAME);
      }
      double usPerWindow = (System.nanoTime() - start) / 1e3 / (rounds * (speech.length / WINDOW));
      System.out.printf("Silero VAD: %.0f us per 32 ms window%n", usPerWindow);
      assertThat(usPerWindow).isLessThan(5_000); // a generous bound for loaded CI machines
    }
  }
}
