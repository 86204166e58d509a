package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.EchoingLine;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller line that echoes everything the bot says (SIPp {@code -rtp_echo}: every packet comes
 * straight back, like a loud speakerphone). With the echo canceller the bot hears only silence;
 * without it, the same call shows the bot hearing itself. Double-talk: a line that echoes the bot
 * while its caller asks a question over the greeting ({@link EchoingLine}); the question is still
 * understood. Each call reports the echo return loss enhancement the bot measured.
 */
@Timeout(120)
class EchoCancellationTest {

  @TempDir Path work;
  private double erle = Double.NaN;

  private CallRecord silentEchoingCall(boolean echoCancellation, int sipPort, int rtpMin) throws Exception {
    try (var bot = RunningBot.start(work.resolve("bot-" + echoCancellation), sipPort, rtpMin, Map.of(),
        Map.of("voicebot.media.echo-cancellation", echoCancellation))) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), sipPort);
      Path dir = Files.createDirectories(work.resolve("call-" + echoCancellation));

      var result = sipp.call("echo-caller", "100", dir, sipPort + 10, sipPort + 12, Duration.ofSeconds(40), "-rtp_echo");

      assertThat(result.passed()).as(result.output()).isTrue();
      var store = bot.bean(CallRecordStore.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while ((store.list().isEmpty() || store.list().getFirst().endedAt() == null) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      CallRecord record = store.list().getFirst();
      erle = erle(bot);
      return record;
    }
  }

  /** ERLE of the bot's only call, NaN if it measured none (see the app's EchoMeter). */
  private static double erle(RunningBot bot) {
    DistributionSummary summary = bot.bean(MeterRegistry.class).find("voicebot.media.erle").summary();
    return summary == null || summary.count() == 0 ? Double.NaN : summary.mean();
  }

  private static long callerLines(CallRecord record) {
    return record.transcript().stream().filter(line -> line.speaker().equals("CALLER")).count();
  }

  @Test
  void withEchoCancellationTheBotNeitherInterruptsNorTranscribesItself() throws Exception {
    CallRecord record = silentEchoingCall(true, 25660, 26800);

    assertThat(record.media().packetsReceived()).as("the echo came back").isGreaterThan(300);
    assertThat(callerLines(record)).as("transcript: %s", record.transcript()).isZero();
    System.out.printf("ERLE, echo only (SIPp -rtp_echo, 0 dB echo, no delay): %.1f dB%n", erle);
    assertThat(erle).as("ERLE in dB").isGreaterThan(10);
  }

  @Test
  void aCallerAskingOverTheEchoOfTheGreetingIsUnderstoodAndTheBotNeverHearsItself() throws Exception {
    int sipPort = 25860;
    try (var bot = RunningBot.start(work.resolve("bot-double-talk"), sipPort, 27200, Map.of(), Map.of())) {
      Path dir = Files.createDirectories(work.resolve("double-talk"));
      short[] question = new CallerVoice(dir).speak8k("What are your opening hours?");
      int linePort = sipPort + 20;
      Sipp.Result result;
      // Echo 6 dB down after 40 ms (a speakerphone); the question starts 1.5 s into the greeting.
      try (var line = new EchoingLine(linePort, question, Duration.ofMillis(1500), 0.5, Duration.ofMillis(40))) {
        result = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), sipPort).call("double-talk-caller", "100", dir,
            sipPort + 10, sipPort + 12, Duration.ofSeconds(40), "-key", "line_port", Integer.toString(linePort));
        assertThat(line.packetsEchoed()).as("the line echoed the bot").isGreaterThan(300);
      }

      assertThat(result.passed()).as(result.output()).isTrue();
      var store = bot.bean(CallRecordStore.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while ((store.list().isEmpty() || store.list().getFirst().endedAt() == null) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      CallRecord record = store.list().getFirst();
      var caller = record.transcript().stream().filter(l -> l.speaker().equals("CALLER")).toList();
      assertThat(caller).as("transcript: %s", record.transcript())
          .anySatisfy(l -> assertThat(l.text()).contains("hours"))
          .as("the bot's answer, echoed while the caller is silent, is never taken for the caller")
          .noneSatisfy(l -> assertThat(l.text()).containsAnyOf("nine", "five", "monday", "friday"));
      assertThat(record.transcript()).anySatisfy(l -> {
        assertThat(l.speaker()).isEqualTo("BOT");
        assertThat(l.text()).contains("nine to five");
      });
      double doubleTalkErle = erle(bot);
      System.out.printf("ERLE, double-talk call (echo -6 dB, 40 ms; bot-talking frames incl. double-talk): %.1f dB%n",
          doubleTalkErle);
      // A lower bound: the caller's own speech, which must be kept, counts as residual echo here.
      assertThat(doubleTalkErle).as("ERLE in dB").isPositive();
    }
  }

  @Test
  void withoutEchoCancellationTheSameLineMakesTheBotHearItself() throws Exception {
    CallRecord record = silentEchoingCall(false, 25760, 27000);

    assertThat(callerLines(record)).as("transcript: %s", record.transcript()).isPositive();
  }
}
