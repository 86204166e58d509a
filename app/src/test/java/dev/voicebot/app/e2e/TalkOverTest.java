package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.EchoingLine;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.Level;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callers in voices the bot has never heard (quiet, loud, one on a noisy line) ask their question
 * over the greeting, four calls at once: on lines that do not echo (most SIP calls: the network cancels echo at its edge) and on
 * lines that echo the bot 6-10 dB down. Every question is answered, and no call record holds a
 * caller line the caller did not say (the bot's own voice, heard back, never becomes the caller).
 */
@Timeout(180)
class TalkOverTest {

  private static final int SIP_PORT = 37060;
  private static final int RTP_MIN = 37200;
  private static final int LINE_PORT = 37500;
  /**
   * Of the four questions, how many must be answered. Not all yet: the noisy line and the quiet
   * espeak caller are heard but not always understood (Vosk's words for them are too far from
   * the intents); the callers benchmark has the figures. Nothing the bot hears may be its own voice.
   */
  private static final int MIN_ANSWERED = 2;

  @TempDir Path work;

  /** One caller: voice, words, line level and noise, and the line's echo (gain 0: none). */
  private record Caller(Voice voice, String words, LineCondition line, double echoGain, Duration echoDelay) {}

  @Test
  void questionsSpokenOverTheGreetingInOtherVoicesAreAnsweredAndTheBotNeverHearsItself() throws Exception {
    List<Caller> callers = List.of(
        new Caller(Voice.FLITE_KAL16, "Hi there, when are you open?", LineCondition.noisy(Level.NOMINAL), 0,
            Duration.ZERO),
        new Caller(Voice.ESPEAK_US, "Tell me your opening hours please.", LineCondition.clean(Level.QUIET), 0,
            Duration.ZERO),
        new Caller(Voice.FESTIVAL_KAL, "What are your opening hours?", LineCondition.clean(Level.LOUD), 0.5,
            Duration.ofMillis(40)),
        new Caller(Voice.FLITE_RMS, "What time do you open?", LineCondition.CLEAN, 0.3, Duration.ofMillis(100)));
    var corpus = CallerCorpus.open();
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(),
        Map.of("voicebot.calls.max-concurrent", 8))) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      List<Future<Sipp.Result>> results = new ArrayList<>();
      List<EchoingLine> lines = new ArrayList<>();
      try (var pool = Executors.newFixedThreadPool(callers.size())) {
        for (int i = 0; i < callers.size(); i++) {
          Caller c = callers.get(i);
          Path dir = Files.createDirectories(work.resolve("call-" + i));
          short[] words = corpus.say(c.voice(), c.words(), c.line()).padded(0, 3000, c.line()).pcm8k();
          // The question starts 1.5 s into the greeting, in its second sentence.
          var line = new EchoingLine(LINE_PORT + 2 * i, words, Duration.ofMillis(1500), c.echoGain(), c.echoDelay());
          lines.add(line);
          int sipPort = SIP_PORT + 10 + 2 * i;
          int linePort = LINE_PORT + 2 * i;
          int index = i;
          results.add(pool.submit(() -> sipp.call("double-talk-caller", "100", dir, sipPort, LINE_PORT + 100 + 10 * index,
              Duration.ofSeconds(40), "-key", "line_port", Integer.toString(linePort))));
        }
        for (var r : results) {
          r.get();
        }
      } finally {
        for (var line : lines) {
          line.close();
        }
      }
      List<CallRecord> records = bot.recordsOnceEnded(callers.size(), Duration.ofSeconds(10));
      records.forEach(r -> System.out.println("talk-over transcript (" + r.from() + "): " + r.transcript()));
      for (var r : results) {
        assertThat(r.get().passed()).as(r.get().output()).isTrue();
      }
      assertThat(records).hasSize(callers.size());
      long echoing = callers.stream().filter(c -> c.echoGain() > 0).count();
      assertThat(records).as("the call records say what the echo path found")
          .allSatisfy(r -> assertThat(r.echo()).isNotNull());
      assertThat(records.stream().filter(r -> r.echo().echoDetected()).count())
          .as("echo found on the echoing lines only: %s", records.stream().map(CallRecord::echo).toList())
          .isEqualTo(echoing);
      assertThat(records).filteredOn(r -> !r.echo().echoDetected())
          .as("where no echo was found the canceller never touched the caller's audio")
          .allSatisfy(r -> assertThat(r.echo().engagedFrames()).isZero());
      Set<String> said = callers.stream().flatMap(c -> words(c.words()).stream()).collect(Collectors.toSet());
      for (CallRecord record : records) {
        System.out.println("  echo path: " + record.echo());
        var caller = record.transcript().stream().filter(l -> l.speaker().equals("CALLER")).toList();
        assertThat(caller).as("the caller was heard: %s", record.transcript()).isNotEmpty();
        Set<String> botOnly = record.transcript().stream().filter(l -> l.speaker().equals("BOT"))
            .flatMap(l -> words(l.text()).stream()).filter(w -> !said.contains(w)).collect(Collectors.toSet());
        for (var line : caller) {
          List<String> heard = words(line.text());
          long bots = heard.stream().filter(botOnly::contains).count();
          assertThat(bots * 2).as("a caller line made of the bot's own words (it heard itself): %s", line.text())
              .isLessThan(heard.size());
        }
      }
      long answered = records.stream().filter(r -> r.transcript().stream()
          .anyMatch(l -> l.speaker().equals("BOT") && l.text().contains("nine to five"))).count();
      System.out.printf("talk-over: %d of %d questions answered%n", answered, records.size());
      assertThat(answered).as("questions answered").isGreaterThanOrEqualTo(MIN_ANSWERED);
    }
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").split("\\s+"))
        .filter(w -> !w.isBlank()).toList();
  }
}
