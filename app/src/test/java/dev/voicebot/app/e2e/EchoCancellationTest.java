package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
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
 * without it, the same call shows the bot hearing itself.
 */
@Timeout(120)
class EchoCancellationTest {

  @TempDir Path work;

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
      return store.list().getFirst();
    }
  }

  private static long callerLines(CallRecord record) {
    return record.transcript().stream().filter(line -> line.speaker().equals("CALLER")).count();
  }

  @Test
  void withEchoCancellationTheBotNeitherInterruptsNorTranscribesItself() throws Exception {
    CallRecord record = silentEchoingCall(true, 25660, 26800);

    assertThat(record.media().packetsReceived()).as("the echo came back").isGreaterThan(300);
    assertThat(callerLines(record)).as("transcript: %s", record.transcript()).isZero();
    assertThat(record.transcript()).as("only the greeting: no reprompt, no goodbye").hasSize(1);
    assertThat(record.endReason()).as("the caller, not the bot, ended the call").isEqualTo("caller hung up");
  }

  @Test
  void withoutEchoCancellationTheSameLineMakesTheBotHearItself() throws Exception {
    CallRecord record = silentEchoingCall(false, 25760, 27000);

    assertThat(callerLines(record)).as("transcript: %s", record.transcript()).isPositive();
  }
}
