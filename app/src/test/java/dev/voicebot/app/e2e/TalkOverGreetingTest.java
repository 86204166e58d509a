package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.EchoingLine;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9: a caller the bot has never heard (flite's kal16, not the bot's own Festival voice)
 * asks over the greeting on an ordinary line that returns no echo at all, with echo cancellation
 * at its default (on). The canceller must find no echo and leave the caller's audio alone: the
 * question is understood, and the call record holds no caller line with words the caller did not
 * say (garbled speech, or the bot's own voice replayed by a diverged filter).
 */
@Timeout(120)
class TalkOverGreetingTest {

  private static final String QUESTION = "When are you open on weekdays?";
  /**
   * The question's words, the spellings Vosk may give them, and "we": the start of "weekdays"
   * when the endpoint cuts the last word short (heard with the canceller off too).
   */
  private static final Set<String> SAID = Set.of("when", "are", "you", "open", "on", "weekdays", "week", "days",
      "weekday", "we");

  @TempDir Path work;

  @Test
  void aCallerAskingOverTheGreetingOnAnEchoFreeLineIsUnderstoodAndNothingElseIsHeard() throws Exception {
    int sipPort = 33060;
    try (var bot = RunningBot.start(work.resolve("bot-talk-over"), sipPort, 33200, Map.of(), Map.of())) {
      Path dir = Files.createDirectories(work.resolve("talk-over"));
      short[] question = new CallerVoice(dir, "kal16").speak8k(QUESTION);
      int linePort = sipPort + 20;
      Sipp.Result result;
      // No echo (gain 0); the question starts 1.5 s into the greeting.
      try (var line = new EchoingLine(linePort, question, Duration.ofMillis(1500), 0, Duration.ofMillis(40))) {
        result = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), sipPort).call("double-talk-caller", "100", dir,
            sipPort + 10, sipPort + 12, Duration.ofSeconds(40), "-key", "line_port", Integer.toString(linePort));
        assertThat(line.packetsEchoed()).as("the line answered every bot packet").isGreaterThan(300);
      }

      assertThat(result.passed()).as(result.output()).isTrue();
      var store = bot.bean(CallRecordStore.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while ((store.list().isEmpty() || store.list().getFirst().endedAt() == null) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      CallRecord record = store.list().getFirst();
      var caller = record.transcript().stream().filter(l -> l.speaker().equals("CALLER")).toList();
      System.out.printf("talk over the greeting, echo-free line, kal16: caller lines %s; %s%n",
          caller.stream().map(CallRecord.Line::text).toList(), record.echo());
      assertThat(caller).as("transcript: %s", record.transcript())
          .anySatisfy(l -> assertThat(l.text()).contains("open"))
          .as("every caller line holds only words the caller said")
          .allSatisfy(l -> assertThat(Arrays.asList(l.text().split(" "))).isSubsetOf(SAID));
      assertThat(record.transcript()).anySatisfy(l -> {
        assertThat(l.speaker()).isEqualTo("BOT");
        assertThat(l.text()).contains("nine to five");
      });
      assertThat(record.echo()).as("the call record says what the echo path found").isNotNull();
      assertThat(record.echo().echoDetected()).as("%s", record.echo()).isFalse();
      assertThat(record.echo().engagedFrames()).isZero();
    }
  }
}
