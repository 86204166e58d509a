package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.EchoingLine;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.Level;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
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
 * Double-talk: a line that echoes the bot (a speakerphone, 6 dB down after 40 ms) while its caller
 * asks a question over the greeting ({@link EchoingLine} mixes both into one RTP stream). The
 * question is understood, and the bot's own answer echoed back is never taken for the caller.
 */
@Timeout(120)
class DoubleTalkTest {

  @TempDir Path work;

  @Test
  void aCallerAskingOverTheEchoOfTheGreetingIsUnderstoodAndTheBotNeverHearsItself() throws Exception {
    int sipPort = 25860;
    try (var bot = RunningBot.start(work.resolve("bot-double-talk"), sipPort, 27200, Map.of(), Map.of())) {
      Path dir = Files.createDirectories(work.resolve("double-talk"));
      // A caller who is not the bot (Festival's kal voice), loud as a speakerphone talker is: a
      // caller quieter than the bot's echo is muted while they talk over it where the canceller
      // has not converged (the open problem of this line; see the echo report it prints).
      short[] question = CallerCorpus.open()
          .say(Voice.FESTIVAL_KAL, "What are your opening hours?", LineCondition.clean(Level.LOUD)).pcm8k();
      int linePort = sipPort + 20;
      Sipp.Result result;
      // The question starts 1.5 s into the greeting.
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
      DistributionSummary erle = bot.bean(MeterRegistry.class).find("voicebot.media.erle").summary();
      System.out.printf("ERLE, double-talk call (echo -6 dB, 40 ms; bot-talking frames incl. double-talk): %.1f dB%n",
          erle == null ? Double.NaN : erle.mean());
    }
  }
}
