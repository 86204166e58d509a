package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.pipeline.models.TestSpeech;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
class FestivalSynthesizerTest {

  private static FestivalServer server;
  private static FestivalSynthesizer tts;

  @BeforeAll
  static void startFestival() throws Exception {
    server = new FestivalServer(FreePort.find()).start();
    tts = new FestivalSynthesizer("127.0.0.1", server.port(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopFestival() {
    if (tts != null) {
      tts.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static double seconds(short[] pcm) {
    return pcm.length / 16_000.0;
  }

  @Test
  void aShortSentenceBecomesOneToFourSecondsOfAudibleSixteenKilohertzAudio() throws Exception {
    short[] pcm = tts.synthesize("Thank you for calling Acme.");
    assertThat(seconds(pcm)).isBetween(1.0, 4.0);
    assertThat(TestSpeech.rms(pcm, 0, pcm.length)).isGreaterThan(300);
  }

  @Test
  void quotesAndParenthesesAreSpokenNotEvaluated(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("pwned");
    String attack = "\") (system \"touch " + marker + "\") (\" and \\\" (quit) \"";
    short[] pcm = tts.synthesize(attack);
    assertThat(Files.exists(marker)).as("the embedded system call ran").isFalse();
    // The words are spoken: far longer than an empty or one-word utterance.
    assertThat(seconds(pcm)).isGreaterThan(2.0);
    assertThat(server.isRunning()).isTrue();
    assertThat(tts.synthesize("Still here.")).isNotEmpty();
  }

  @Test
  void blankTextIsSilenceWithoutAskingFestival() throws Exception {
    assertThat(tts.synthesize(" \n\t ")).isEmpty();
  }

  @Test
  void concurrentRequestsAllGetTheirOwnAudio() throws Exception {
    short[] expectedShort = tts.synthesize("Yes.");
    short[] expectedLong = tts.synthesize("Your order will arrive on Tuesday afternoon.");
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<short[]>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String text = i % 2 == 0 ? "Yes." : "Your order will arrive on Tuesday afternoon.";
        results.add(pool.submit(() -> tts.synthesize(text)));
      }
      for (int i = 0; i < results.size(); i++) {
        short[] got = results.get(i).get(30, TimeUnit.SECONDS);
        assertThat(got).isEqualTo(i % 2 == 0 ? expectedShort : expectedLong);
      }
    }
  }

  @Test
  void aClosedPortFailsWithSynthesisExceptionWithinTheTimeout() {
    FestivalSynthesizer nowhere = new FestivalSynthesizer("127.0.0.1", FreePort.find(), Duration.ofSeconds(2));
    long start = System.nanoTime();
    assertThatThrownBy(() -> nowhere.synthesize("Hello.")).isInstanceOf(SynthesisException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aServerThatNeverAnswersFailsWithSynthesisExceptionAtTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket client = silent.accept()) {
                      client.getInputStream().readAllBytes(); // read the request, never answer
                      Thread.sleep(10_000);
                    } catch (Exception e) {
                      // closed by the test
                    }
                  });
      FestivalSynthesizer mute =
          new FestivalSynthesizer("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(500));
      long start = System.nanoTime();
      assertThatThrownBy(() -> mute.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("did not answer within");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofMillis(1500));
      acceptor.interrupt();
    }
  }

  @Test
  void measuresWarmTimeToAudio() throws Exception {
    String sentence = "Thank you for calling Acme.";
    tts.synthesize(sentence);
    long[] millis = new long[9];
    for (int i = 0; i < millis.length; i++) {
      long t0 = System.nanoTime();
      tts.synthesize(sentence);
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(millis);
    System.out.printf(
        "Festival warm time-to-audio for \"%s\": median %d ms, min %d ms, max %d ms%n",
        sentence, millis[millis.length / 2], millis[0], millis[millis.length - 1]);
    assertThat(millis[millis.length / 2]).isLessThan(2_000);
  }
}
