package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FestivalServerTest {

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void theSupervisorRestartsAKilledFestivalAndSynthesisWorksAgain() throws Exception {
    try (FestivalServer server = new FestivalServer(FreePort.find()).start();
        FestivalSynthesizer tts = new FestivalSynthesizer("127.0.0.1", server.port(), Duration.ofSeconds(10))) {
      assertThat(tts.synthesize("Before.")).isNotEmpty();
      long firstPid = server.pid().orElseThrow();

      ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
      await(() -> !server.isRunning(), Duration.ofSeconds(5));
      await(() -> server.isRunning() && server.pid().orElse(firstPid) != firstPid, Duration.ofSeconds(30));

      assertThat(tts.synthesize("After the restart.")).isNotEmpty();
    }
  }

  @Test
  void closeStopsFestivalAndFreesThePort() throws Exception {
    int port = FreePort.find();
    FestivalServer server = new FestivalServer(port).start();
    ProcessHandle festival = ProcessHandle.of(server.pid().orElseThrow()).orElseThrow();
    server.close();
    assertThat(festival.isAlive()).isFalse();
    assertThat(server.isRunning()).isFalse();
    try (ServerSocket reuse = new ServerSocket(port)) {
      assertThat(reuse.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aMissingFestivalBinaryNamesThePackagesToInstall() {
    FestivalServer server = new FestivalServer("/nonexistent/festival", FreePort.find(), Duration.ofSeconds(5));
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("festival not found: apt-get install festival festvox-us-slt-hts");
    server.close();
  }

  @Test
  void aTakenPortIsReportedInsteadOfTalkingToSomeoneElse() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0);
        FestivalServer server = new FestivalServer(squatter.getLocalPort())) {
      assertThatThrownBy(server::start).isInstanceOf(IOException.class).hasMessageContaining("already in use");
    }
  }
}
