package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
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
 * every number is read back exactly, no first or last digit lost. Half of them stop sending RTP
 * right after the last digit, as a phone with silence suppression does.
 */
@Timeout(240)
class HumanOrderNumberTest {

  private static final int SIP_PORT = 34060;
  private static final int RTP_MIN = 34200;

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
          CallerAudio audio = question.padded(200, c.startAfterQuestionMillis(), line)
              .then(digits.padded(0, i % 2 == 0 ? 0 : 2000, line));
          RtpPcapWriter.writePcmu(audio.pcm8k(), dir.resolve("caller.pcap"));
          int slot = i % 3;
          Callable<Sipp.Result> call = () -> sipp.call("order-status-spoken", "100", dir,
              SIP_PORT + 10 + 2 * slot, RTP_MIN + 400 + 20 * slot, Duration.ofSeconds(60));
          results.add(pool.submit(call));
          if (slot == 2) {
            for (var r : results.subList(i - 2, i + 1)) {
              r.get(); // the next three start when these are over
            }
          }
        }
      }
      var store = bot.bean(CallRecordStore.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (store.list().stream().filter(r -> r.endedAt() != null).count() < callers.size()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<CallRecord> records = store.list();
      List<String> readBack = records.stream()
          .flatMap(r -> r.transcript().stream())
          .filter(l -> l.speaker().equals("BOT") && l.text().contains("out for delivery"))
          .map(l -> l.text().replaceAll("[^0-9]", ""))
          .toList();
      List<String> expected = callers.stream().map(Caller::number).toList();
      System.out.println("human order numbers read back: " + readBack + " expected " + expected);
      records.forEach(r -> System.out.println("  transcript: " + r.transcript()));
      for (var r : results) {
        assertThat(r.get().passed()).as(r.get().output()).isTrue();
      }
      assertThat(readBack).as("transcripts: %s", records.stream().map(CallRecord::transcript).toList())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
