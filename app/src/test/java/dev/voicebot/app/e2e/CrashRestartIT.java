package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.ManagedProcess;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar killed with SIGKILL in the middle of a call (as the OOM killer or a kill -9
 * would), then started again at once on the same ports: it must come up in its normal start time
 * and answer with its voice. Festival, which the dead JVM started, must not be left holding its
 * port. The printed milestones show where each start spent its time.
 */
@Timeout(150)
class CrashRestartIT {

  private static final int SIP_PORT = 39090;
  private static final int RTP_MIN = 39500;
  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private static final Pattern FESTIVAL_PID = Pattern.compile("festival serving 127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)");

  @TempDir Path work;

  @Test
  void afterAKill9MidCallAnImmediateRestartAnswersWithItsVoice() throws Exception {
    Path jar = RunningBot.REPO.resolve("app/target/voicebot.jar");
    assertThat(jar).as("built by the package phase").isRegularFile();
    int httpPort = freeTcpPort();
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
        "--voicebot.dialplans.directory=" + RunningBot.REPO.resolve("dialplans"),
        "--voicebot.sip.bind-address=127.0.0.1", "--voicebot.sip.public-address=127.0.0.1",
        "--voicebot.sip.port=" + SIP_PORT,
        "--voicebot.rtp.bind-address=127.0.0.1", "--voicebot.rtp.port-min=" + RTP_MIN,
        "--voicebot.rtp.port-max=" + (RTP_MIN + 99),
        "--voicebot.festival.port=" + freeTcpPort(),
        "--voicebot.models.cache-directory=" + work.resolve("models"),
        "--voicebot.sip.drain-timeout=1s",
        "--server.port=" + httpPort);
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);

    long firstFestival;
    Duration firstStart;
    String firstLog;
    CompletableFuture<Sipp.Result> cutOff = null;
    try (var first = ManagedProcess.start("voicebot-first", command, work.resolve("first"))) {
      long t0 = System.nanoTime();
      assertThat(first.awaitLog("Started VoicebotApplication", START_LIMIT)).as(first.output()).isTrue();
      firstStart = Duration.ofNanos(System.nanoTime() - t0);
      firstLog = first.output();
      var matcher = FESTIVAL_PID.matcher(first.output());
      assertThat(matcher.find()).as("festival's pid is logged").isTrue();
      firstFestival = Long.parseLong(matcher.group(1));

      Path silentDir = Files.createDirectories(work.resolve("cut-off"));
      cutOff = CompletableFuture.supplyAsync(() -> {
        try {
          return sipp.call("wait-for-bye", "100", silentDir, 39070, 39072, Duration.ofSeconds(20));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(first.awaitLog("Answering call from", Duration.ofSeconds(15))).as(first.output()).isTrue();

      ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook runs
      ProcessHandle.of(first.pid()).ifPresent(p -> p.onExit().join());
    }
    assertThat(ProcessHandle.of(firstFestival).map(p -> p.onExit().completeOnTimeout(p, 3, TimeUnit.SECONDS).join())
        .filter(ProcessHandle::isAlive))
        .as("festival died with the JVM that started it").isEmpty();

    try (var second = ManagedProcess.start("voicebot-second", command, work.resolve("second"))) {
      long t0 = System.nanoTime();
      assertThat(second.awaitLog("Started VoicebotApplication", START_LIMIT))
          .as("restarts on the same ports; output:%n%s", second.output()).isTrue();
      Duration restart = Duration.ofNanos(System.nanoTime() - t0);
      System.out.printf("first start %d ms, restart after kill -9 %d ms%n", firstStart.toMillis(), restart.toMillis());
      printMilestones("first", firstLog);
      printMilestones("restart", second.output());
      // Within the limit any start has (a bound, not a comparison: the first start's time varies
      // twofold with the load of a shared machine, and so does the restart's).
      assertThat(restart).isLessThan(START_LIMIT);
      assertThat(second.output()).as("festival started on its port at the first try")
          .doesNotContain("already in use").doesNotContain("failed to restart");

      Path dir = Files.createDirectories(work.resolve("after"));
      short[] question = new CallerVoice(dir).speak8k("What are your opening hours?");
      RtpPcapWriter.writePcmu(CallerVoice.pad(question, 0.2, 0.6), dir.resolve("caller.pcap"));
      var result = sipp.call("ask-question", "100", dir, 39074, 39076, Duration.ofSeconds(60));
      assertThat(result.passed()).as(result.output()).isTrue();

      String calls = get("http://127.0.0.1:" + httpPort + "/api/calls");
      assertThat(calls).as("the bot spoke: its greeting and the answer, synthesized by the new festival")
          .contains("Thank you for calling Acme").contains("nine");
      assertThat(second.stop(Duration.ofSeconds(20))).as(second.output()).isTrue();
    } finally {
      if (cutOff != null) {
        cutOff.get(40, TimeUnit.SECONDS); // SIPp gives up on the dead bot within its own limit
      }
    }
  }

  /** Where a start spends its time, to tell a slow restart from a loaded machine. */
  private static void printMilestones(String run, String log) {
    log.lines().filter(l -> l.contains("festival serving") || l.contains("Started ") || l.contains("Starting ")
        || l.contains("Cached ") || l.contains("SIP listening")).forEach(l -> System.out.println(run + ": " + l));
  }

  private static String get(String url) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
