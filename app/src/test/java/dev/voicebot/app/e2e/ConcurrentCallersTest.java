package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.LagWatch;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.inference.Shed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six SIPp calls up at once, each a caller in a voice the bot has never heard asking a different
 * question after the greeting, their words overlapping in time: every caller hears the answer to
 * their own question (checked in the call records), and no caller audio was shed on the way.
 */
@Timeout(150)
class ConcurrentCallersTest {

  private static final int SIP_PORT = 50060;
  private static final int RTP_MIN = 50200;
  private static final int SIPP_PORT = 50700;
  private static final int SIPP_MEDIA_PORT = 50800;
  /** How long each SIPp call lasts; the longest reply (Sunday's) is said within it. */
  private static final int CALL_MILLIS = 22_000;

  @TempDir Path work;

  /** One caller: voice, words, and the start of the bot line that answers them. */
  private record Caller(Voice voice, String words, String intent, String answer) {}

  @Test
  void sixCallersTalkingAtOnceInOtherVoicesAreEachAnsweredTheirOwnQuestion() throws Exception {
    // Each voice says words Vosk gets right when that caller is alone (the callers benchmark has
    // each voice's error rate): what this test proves is that six at once are heard as well.
    List<Caller> callers = List.of(
        new Caller(Voice.FLITE_KAL16, "What are your opening hours?", "hours", "We are open from nine to five"),
        new Caller(Voice.FLITE_RMS, "What time do you close on Saturday?", "hours", "On Saturday we are open"),
        new Caller(Voice.ESPEAK_US, "Are you open on Sunday?", "hours", "Sorry, we are closed on Sunday."),
        new Caller(Voice.ESPEAK_US_F3, "Where is my order?", "order-status", "Sure. Please say or key in your five digit"),
        new Caller(Voice.FESTIVAL_KAL, "When are you open?", "hours", "We are open from nine to five"),
        new Caller(Voice.FLITE_RMS, "Where is my order?", "order-status", "Sure. Please say or key in your five digit"));
    var corpus = CallerCorpus.open();
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(),
        Map.of("voicebot.calls.max-concurrent", callers.size()))) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      List<Future<Sipp.Result>> results = new ArrayList<>();
      var lag = LagWatch.start(bot.bean(InferenceLoad.class));
      try (lag; var pool = Executors.newFixedThreadPool(callers.size())) {
        for (int i = 0; i < callers.size(); i++) {
          Caller c = callers.get(i);
          Path dir = Files.createDirectories(work.resolve("call-" + i));
          // Calls start together; each caller speaks once the greeting is over (about 3.5 s), a
          // quarter second after the previous one, so all six talk within the same two seconds.
          var audio = corpus.say(c.voice(), c.words(), LineCondition.CLEAN)
              .padded(4_000 + 250 * i, 12_000, LineCondition.CLEAN);
          RtpPcapWriter.writePcmu(audio.pcm8k(), dir.resolve("caller.pcap"));
          int sipPort = SIPP_PORT + 2 * i;
          int mediaPort = SIPP_MEDIA_PORT + 10 * i;
          results.add(pool.submit(() -> sipp.call("corpus-caller", "100", dir, sipPort, mediaPort,
              Duration.ofMillis(CALL_MILLIS + 30_000), "-d", Integer.toString(CALL_MILLIS))));
        }
        for (var r : results) {
          r.get();
        }
      }
      List<CallRecord> records = bot.recordsOnceEnded(callers.size(), Duration.ofSeconds(15));
      records.forEach(r -> System.out.println("concurrent caller " + r.from() + ": " + r.turns()));
      for (var r : results) {
        assertThat(r.get().passed()).as(r.get().output()).isTrue();
      }
      assertThat(records).hasSize(callers.size());
      int answered = 0;
      for (int i = 0; i < callers.size(); i++) {
        Caller c = callers.get(i);
        String from = ":" + (SIPP_PORT + 2 * i);
        CallRecord record = records.stream().filter(r -> r.from().contains(from)).findFirst().orElseThrow(
            () -> new AssertionError("no record of the call from port " + from + " in " + records));
        boolean right = record.turns().stream()
            .anyMatch(t -> c.intent().equals(t.intent()) && t.reply() != null && t.reply().startsWith(c.answer()));
        System.out.printf("concurrent caller %d (%s, \"%s\"): %s%n", i, c.voice().label(), c.words(),
            right ? "answered" : "NOT answered: " + record.transcript());
        answered += right ? 1 : 0;
      }
      var load = bot.bean(InferenceLoad.class);
      System.out.printf("concurrent callers: %d of %d answered their own question; worst lag seen: recognition %d ms,"
          + " actor %d ms, pool wait %d ms; mean recognition lag %.0f ms over %d batches; %.1f s of audio"
          + " decoded in %.1f s%n", answered, callers.size(),
          lag.recognition() / 1_000_000, lag.actor() / 1_000_000, lag.pool() / 1_000_000,
          load.recognitionTotals().totalNanos() / 1e6 / Math.max(1, load.recognitionTotals().count()),
          load.recognitionTotals().count(), load.decodedAudioSeconds(), load.decodingSeconds());
      assertThat(answered).as("callers answered their own question").isEqualTo(callers.size());
      for (Shed what : Shed.values()) {
        assertThat(load.shedCount(what)).as("shed: %s", what).isZero();
      }
    }
  }
}
