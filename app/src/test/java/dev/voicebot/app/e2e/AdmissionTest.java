package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.SipProbe;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app at its call limit of one: the first SIPp caller is answered and keeps its call,
 * the second concurrent caller is turned away as configured, 503 with Retry-After or 486, and an
 * OPTIONS probe meanwhile gets 503 so a dispatcher routes around the full instance. Overloaded
 * with talking callers, the bot turns every caller beyond its limit away at once while the ones it
 * took are all answered.
 */
@Timeout(120)
class AdmissionTest {

  @TempDir Path work;

  /** Holds one call (a silent caller waiting for the bot's BYE) and places a second one meanwhile. */
  private static Sipp.Result secondCallWhileTheFirstIsActive(RunningBot bot, Path work, String scenario, int sippPort)
      throws Exception {
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), bot.sipPort());
    Path first = Files.createDirectories(work.resolve("first"));
    CompletableFuture<Sipp.Result> held = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        held.complete(sipp.call("wait-for-bye", "100", first, sippPort, sippPort + 2, Duration.ofSeconds(45)));
      } catch (Exception e) {
        held.completeExceptionally(e);
      }
    });
    var calls = bot.bean(BotCallHandler.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (calls.activeCalls() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(calls.activeCalls()).as("the first call is answered").isEqualTo(1);

    Path second = Files.createDirectories(work.resolve("second"));
    Sipp.Result refused = sipp.call(scenario, "100", second, sippPort + 10, sippPort + 12, Duration.ofSeconds(20));
    // A dispatcher probing with OPTIONS hears the instance is full, whatever it tells INVITEs.
    Sipp.Result probe = sipp.call("options-full-503", "100", second, sippPort + 20, sippPort + 22, Duration.ofSeconds(20));
    assertThat(probe.passed()).as("OPTIONS at the limit: 503 with Retry-After: %s", probe.output()).isTrue();
    assertThat(calls.activeCalls()).as("the first call goes on").isEqualTo(1);
    var meters = bot.bean(MeterRegistry.class);
    for (String action : new String[] {"refused", "dropped"}) {
      assertThat(meters.get("voicebot.sip.rate.limited").tag("action", action).functionCounter().count())
          .as("the call limit turned the caller away, not the rate limit (%s)", action).isZero();
    }

    bot.close(); // says BYE to the first caller, which ends its scenario
    Sipp.Result firstCall = held.get();
    assertThat(firstCall.passed()).as("first call: %s", firstCall.output()).isTrue();
    return refused;
  }

  @Test
  void atItsLimitTheBotAnswersTheFirstCallerAndTellsTheSecond503WithRetryAfter() throws Exception {
    var bot = RunningBot.start(work.resolve("bot"), 25560, 28000, Map.of(), Map.of(
        "voicebot.calls.max-concurrent", 1));
    try {
      Sipp.Result second = secondCallWhileTheFirstIsActive(bot, work, "call-limit-503", 25570);
      assertThat(second.passed()).as("503 with Retry-After: %s", second.output()).isTrue();
    } finally {
      bot.close();
    }
  }

  @Test
  void callersBeyondTheLimitGet503AtOnceWhileTheAdmittedCallersAreAllAnswered() throws Exception {
    int sipPort = 51060;
    var bot = RunningBot.start(work.resolve("bot"), sipPort, 51200, Map.of(), Map.of(
        "voicebot.calls.max-concurrent", 2));
    try {
      var corpus = CallerCorpus.open();
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), sipPort);
      List<String> asked = List.of("What are your opening hours?", "Where is my order?");
      List<String> answers = List.of("We are open from nine to five", "Sure. Please say or key in your five digit");
      List<Voice> voices = List.of(Voice.FLITE_KAL16, Voice.FESTIVAL_KAL);
      List<CompletableFuture<Sipp.Result>> admitted = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path dir = Files.createDirectories(work.resolve("admitted-" + i));
        var audio = corpus.say(voices.get(i), asked.get(i), LineCondition.CLEAN).padded(4_000, 6_000, LineCondition.CLEAN);
        RtpPcapWriter.writePcmu(audio.pcm8k(), dir.resolve("caller.pcap"));
        admitted.add(sipp.callInBackground("corpus-caller", "100", dir, 51070 + 2 * i, 51500 + 10 * i,
            Duration.ofSeconds(45), "-d", "14000"));
      }
      var calls = bot.bean(BotCallHandler.class);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (calls.activeCalls() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(calls.activeCalls()).as("both callers answered").isEqualTo(2);

      // While the two talk: ten more callers, one after the other, each timed to its final answer.
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        SipProbe.Answer answer = SipProbe.invite(sipPort, 51100 + 2 * i, "100", Duration.ofSeconds(5));
        assertThat(answer.status()).as("caller %d beyond the limit", i).isEqualTo(503);
        assertThat(answer.retryAfter()).as("503 says when to come back").isPresent();
        millis.add(answer.took().toNanos() / 1_000_000);
        Thread.sleep(300);
      }
      Path probeDir = Files.createDirectories(work.resolve("probe"));
      Sipp.Result probe = sipp.call("options-full-503", "100", probeDir, 51090, 51092, Duration.ofSeconds(20));
      assertThat(probe.passed()).as("OPTIONS while full: 503: %s", probe.output()).isTrue();
      for (var call : admitted) {
        assertThat(call.get().passed()).as(call.get().output()).isTrue();
      }
      List<CallRecord> records = bot.recordsOnceEnded(2, Duration.ofSeconds(15));
      List<Long> sorted = millis.stream().sorted().toList();
      System.out.printf("time to 503 beyond the limit: median %d ms, max %d ms over %d calls%n",
          sorted.get(sorted.size() / 2), sorted.getLast(), sorted.size());
      assertThat(sorted.getLast()).as("a refused caller is told at once, not after a timeout").isLessThan(1_000L);
      assertThat(records).as("only the admitted calls were taken").hasSize(2);
      for (int i = 0; i < 2; i++) {
        String from = ":" + (51070 + 2 * i);
        String answer = answers.get(i);
        CallRecord record = records.stream().filter(r -> r.from().contains(from)).findFirst().orElseThrow();
        assertThat(record.turns()).as("admitted caller %d: %s", i, record.transcript())
            .anySatisfy(t -> assertThat(t.reply()).startsWith(answer));
      }
      assertThat(bot.bean(MeterRegistry.class).get("voicebot.calls.refused").tag("reason", "limit").counter().count())
          .as("refusals counted").isEqualTo(10);
    } finally {
      bot.close();
    }
  }

  @Test
  void configuredAsBusyTheBotTellsTheSecondCaller486() throws Exception {
    var bot = RunningBot.start(work.resolve("bot"), 25610, 28200, Map.of(), Map.of(
        "voicebot.calls.max-concurrent", 1,
        "voicebot.calls.when-full", "busy"));
    try {
      Sipp.Result second = secondCallWhileTheFirstIsActive(bot, work, "busy-486", 25620);
      assertThat(second.passed()).as("486: %s", second.output()).isTrue();
    } finally {
      bot.close();
    }
  }
}
