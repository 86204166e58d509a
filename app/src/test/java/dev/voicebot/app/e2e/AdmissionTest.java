package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app at its call limit of one: the first SIPp caller is answered and keeps its call,
 * the second concurrent caller is turned away as configured, 503 with Retry-After or 486, and an
 * OPTIONS probe meanwhile gets 503 so a dispatcher routes around the full instance.
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
