package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.HumanDigits.Speaker;
import dev.voicebot.pipeline.corpus.Level;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human callers (the three FSDD speakers, real recordings, at three levels) ask where their order is (in flite's voice) and say its
 * five digits one by one with pauses of their own, over real SIPp calls placed at the same time:
 * every number is read back exactly ("Did you say order number ...?"), no first or last digit lost. When a digit is not heard the
 * bot asks for the whole number again and the caller repeats it (a wrong number read back is a
 * failure either way). Half of them stop sending RTP after their last digit, as a phone with
 * silence suppression does.
 */
@Timeout(240)
class HumanOrderNumberTest {

  private static final int SIP_PORT = 34060;
  private static final int RTP_MIN = 34200;
  /**
   * From the end of the number to the caller's second go: the bot waits 1.5 s for more digits,
   * 2.5 s more before asking again, then says its retry prompt (about 5 s).
   */
  private static final int REPEAT_AFTER_MILLIS = 10_000;
  /**
   * Of the six callers, how many must hear their number read back. Not all yet: Vosk's small
   * model does not hear some of these people's digits at all (george's "six" in take 12, the
   * number's first digit; the same number said again is heard); the callers benchmark has the
   * figures. Jackson's "eight" and "seven" were lost too while each pause between digits cut the
   * recognizer's segment; they are heard since digits are decoded in one run.
   */
  private static final int MIN_READ_BACK = 5;

  @TempDir Path work;

  /**
   * One caller: who speaks, which number, the pause between digits, and how long after asking
   * for the order they start the digits (the bot's prompt ends about 3.8 s after the question:
   * most start on its heels, as people do).
   */
  private record Caller(Speaker speaker, String number, int gapMillis, int startAfterQuestionMillis, Level level) {}

  @Test
  void humanSpeakersSayingAnOrderNumberDigitByDigitHearItReadBackExactly() throws Exception {
    var corpus = CallerCorpus.open();
    assumeTrue(corpus.hasHumanDigits(), CallerCorpus.humanDigitsMissing());
    List<Caller> callers = List.of(
        new Caller(Speaker.GEORGE, "40213", 300, 4200, Level.LOUD),
        new Caller(Speaker.JACKSON, "98765", 700, 4500, Level.NOMINAL),
        new Caller(Speaker.LUCAS, "31570", 1200, 4000, Level.QUIET),
        new Caller(Speaker.JACKSON, "40213", 250, 4300, Level.QUIET),
        new Caller(Speaker.GEORGE, "68219", 900, 5000, Level.NOMINAL),
        new Caller(Speaker.LUCAS, "75046", 300, 4400, Level.NOMINAL));
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(),
        Map.of("voicebot.calls.max-concurrent", 8))) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      List<Future<Sipp.Result>> results = new ArrayList<>();
      // Three calls at a time: the human digits must hold while other callers talk too.
      try (var pool = Executors.newFixedThreadPool(3)) {
        for (int i = 0; i < callers.size(); i++) {
          Caller c = callers.get(i);
          Path dir = Files.createDirectories(work.resolve("call-" + i));
          var line = LineCondition.clean(c.level());
          CallerAudio question = corpus.say(Voice.FLITE_RMS, "I'd like to know where my order is.", line);
          CallerAudio digits = corpus.humanDigits(c.speaker(), c.number(), 3 * i, line, c.gapMillis());
          CallerAudio again = corpus.humanDigits(c.speaker(), c.number(), 3 * i + 10, line, c.gapMillis());
          // Asked again (a digit was not heard), the caller says the number once more; heard the
          // first time, the bot has read it back by then and the repetition changes nothing.
          CallerAudio audio = question.padded(5200, c.startAfterQuestionMillis(), line)
              .then(digits.padded(0, REPEAT_AFTER_MILLIS, line))
              .then(again.padded(0, i % 2 == 0 ? 0 : 2000, line));
          RtpPcapWriter.writePcmu(audio.pcm8k(), dir.resolve("caller.pcap"));
          int slot = i % 3;
          Callable<Sipp.Result> call = () -> sipp.call("corpus-caller", "100", dir,
              SIP_PORT + 10 + 2 * slot, RTP_MIN + 400 + 20 * slot, Duration.ofSeconds(70), "-d", "45000");
          results.add(pool.submit(call));
          if (slot == 2) {
            for (var r : results.subList(i - 2, i + 1)) {
              r.get(); // the next three start when these are over
            }
          }
        }
      }
      List<CallRecord> records = bot.recordsOnceEnded(callers.size(), Duration.ofSeconds(10));
      // The first read-back of each call: a wrong number read back is never put right by the repeat.
      List<String> readBack = records.stream()
          .flatMap(r -> r.transcript().stream()
              .filter(l -> l.speaker().equals("BOT") && l.text().startsWith("Did you say order number"))
              .limit(1))
          .map(l -> l.text().replaceAll("[^0-9]", ""))
          .toList();
      // Asked again before any read-back: the first go missed a digit. (The caller's repeat after a
      // read-back may be asked again too; that is not the first go.)
      long reasked = records.stream()
          .filter(r -> r.transcript().stream()
              .map(CallRecord.Line::text)
              .filter(t -> t.startsWith("Did you say order number") || t.contains("say the five digits"))
              .findFirst()
              .map(t -> !t.startsWith("Did you say order number"))
              .orElse(true))
          .count();
      System.out.printf("human order numbers: %d of %d read back at the first go%n", callers.size() - reasked,
          callers.size());
      List<String> expected = callers.stream().map(Caller::number).toList();
      System.out.println("human order numbers read back: " + readBack + " expected " + expected);
      records.forEach(r -> System.out.println("  transcript: " + r.transcript()));
      // A bot that gives up on a caller (goodbye after three misses) ends the call before SIPp does:
      // the call records are the verdict, and every call must have one.
      assertThat(records).as("one record per call").hasSize(callers.size());
      assertThat(expected).as("no number read back wrong: %s", records.stream().map(CallRecord::transcript).toList())
          .containsAll(readBack);
      assertThat(readBack).as("numbers read back").hasSizeGreaterThanOrEqualTo(MIN_READ_BACK);
    }
  }
}
