package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.pipeline.tts.FestivalServer;
import dev.voicebot.sip.SipUserAgent;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the app drains: new calls get 503 while active ones go on until the deadline, then
 * BYE; and it leaves no process or socket behind.
 */
@Timeout(90)
class ShutdownTest {

  private static final int SIP_PORT = 25460;

  @TempDir Path work;

  @Test
  void shutdownSaysByeToActiveCallsAndStopsFestivalAndFreesThePorts() throws Exception {
    var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, 26600, Map.of(), Map.of());
    long festivalPid = bot.bean(FestivalServer.class).pid().orElseThrow();
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
    Path dir = Files.createDirectories(work.resolve("call"));
    var call = CompletableFuture.supplyAsync(() -> {
      try {
        return sipp.call("wait-for-bye", "100", dir, 25470, 25472, Duration.ofSeconds(45));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (bot.bean(BotCallHandler.class).activeCalls() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(bot.bean(BotCallHandler.class).activeCalls()).isEqualTo(1);

    bot.close();

    var result = call.get();
    assertThat(result.passed()).as(result.output()).isTrue();
    assertThat(ProcessHandle.of(festivalPid).filter(ProcessHandle::isAlive)).isEmpty();
    try (var socket = new DatagramSocket(SIP_PORT, InetAddress.getLoopbackAddress())) {
      assertThat(socket.isBound()).as("the SIP port is free again").isTrue();
    }
  }

  @Test
  void whileDrainingANewCallGets503AndTheActiveCallGoesOnUntilTheDeadline() throws Exception {
    Duration drain = Duration.ofSeconds(6);
    var bot = RunningBot.start(work.resolve("bot"), 25480, 28400, Map.of(), Map.of(
        "voicebot.sip.drain-timeout", drain.toSeconds() + "s"));
    // Taken before the context starts closing: beans are not looked up during shutdown.
    var calls = bot.bean(BotCallHandler.class);
    var agent = bot.bean(SipUserAgent.class);
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), 25480);
    Path activeDir = Files.createDirectories(work.resolve("active"));
    var active = CompletableFuture.supplyAsync(() -> {
      try {
        return sipp.call("wait-for-bye", "100", activeDir, 25490, 25492, Duration.ofSeconds(45));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (calls.activeCalls() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(calls.activeCalls()).isEqualTo(1);

    long shutdownStarted = System.nanoTime();
    Thread closing = Thread.ofVirtual().start(bot::close);
    deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!agent.isDraining() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(agent.isDraining()).as("the bot drains once shutdown begins").isTrue();

    Path newDir = Files.createDirectories(work.resolve("new"));
    Sipp.Result newCall = sipp.call("drain-new-call-503", "100", newDir, 25500, 25502, Duration.ofSeconds(10));
    assertThat(newCall.passed()).as("503 with Retry-After: %s", newCall.output()).isTrue();
    assertThat(active).as("the active call is still up").isNotDone();
    assertThat(calls.activeCalls()).isEqualTo(1);

    var result = active.get();
    Duration lasted = Duration.ofNanos(System.nanoTime() - shutdownStarted);
    assertThat(result.passed()).as("the active caller gets BYE: %s", result.output()).isTrue();
    assertThat(lasted).as("BYE comes at the drain deadline, not before")
        .isGreaterThanOrEqualTo(drain.minusMillis(300)).isLessThan(drain.plusSeconds(5));
    closing.join(Duration.ofSeconds(20));
  }
}
