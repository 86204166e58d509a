package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.pipeline.tts.FestivalServer;
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

/** Stopping the app says BYE to active calls and leaves no process or socket behind. */
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
}
