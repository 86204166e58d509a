package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.HumanDigits;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
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
 * Human callers (the three FSDD speakers, real recordings) ask where their order is and say its
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
  private record Caller(String speaker, String number, Duration gap, double startAfterQuestion, double gainDb) {}

  @Test
  void humanSpeakersSayingAnOrderNumberDigitByDigitHearItReadBackExactly() throws Exception {
    assumeTrue(HumanDigits.available(), HumanDigits.MISSING);
    List<Caller> callers = List.of(
        new Caller("george", "40213", Duration.ofMillis(300), 4.2, -6),
        new Caller("jackson", "98765", Duration.ofMillis(700), 4.5, -12),
        new Caller("lucas", "31570", Duration.ofMillis(1200), 4.0, -16),
        new Caller("jackson", "40213", Duration.ofMillis(250), 4.3, -16),
        new Caller("george", "68219", Duration.ofMillis(900), 5.0, -6),
        new Caller("lucas", "75046", Duration.ofMillis(300), 4.4, -12));
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(),
        Map.of("voicebot.calls.max-concurrent", 8))) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      var flite = new CallerVoice(Files.createDirectories(work.resolve("voice")), CallerVoice.Engine.FLITE_RMS);
      short[] question = flite.speak8k("I'd like to know where my order is.");
      List<Future<Sipp.Result>> results = new ArrayList<>();
      // Three calls at a time: the human digits must hold while other callers talk too.
      try (var pool = Executors.newFixedThreadPool(3)) {
        for (int i = 0; i < callers.size(); i++) {
          Caller c = callers.get(i);
          Path dir = Files.createDirectories(work.resolve("call-" + i));
          short[] audio = CallerVoice.concat(CallerVoice.pad(question, 0.2, c.startAfterQuestion()),
              HumanDigits.number(c.speaker(), c.number(), c.gap(), i), new short[i % 2 == 0 ? 0 : 8000 * 2]);
          audio = HumanDigits.scaled(audio, c.gainDb());
          RtpPcapWriter.writePcmu(audio, dir.resolve("caller.pcap"));
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
