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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as {@code scripts/run.sh} runs it, in a process of its own: it starts, logs, unpacks
 * its own models, answers a real SIPp call, and stops on SIGTERM. The in-process tests cannot see a
 * jar that lost its logging or its model resources; this one does.
 */
@Timeout(180)
class PackagedJarIT {

  private static final int SIP_PORT = 29060;
  private static final int RTP_MIN = 29200;
  private static final int SIPP_PORT = 29100;

  @TempDir Path work;

  @Test
  void theRunnableJarAnswersACallLogsItAndStopsCleanlyOnSigterm() throws Exception {
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

    try (var bot = ManagedProcess.start("voicebot-jar", command, work)) {
      assertThat(bot.awaitLog("Started VoicebotApplication", Duration.ofSeconds(90)))
          .as("the jar starts and logs; output:%n%s", bot.output()).isTrue();

      Path dir = Files.createDirectories(work.resolve("call"));
      short[] question = new CallerVoice(dir).speak8k("What are your opening hours?");
      RtpPcapWriter.writePcmu(CallerVoice.pad(question, 0.2, 0.6), dir.resolve("caller.pcap"));
      var result = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT)
          .call("ask-question", "100", dir, SIPP_PORT, SIPP_PORT + 2, Duration.ofSeconds(60));
      assertThat(result.passed()).as(result.output()).isTrue();

      String calls = get("http://127.0.0.1:" + httpPort + "/api/calls");
      assertThat(calls).as("the call record: the caller was understood and answered")
          .containsIgnoringCase("hours").contains("nine");
      assertThat(bot.output()).as("log lines carry the Call-ID").containsPattern("\\[[^\\]\\s]+@127\\.0\\.0\\.1\\]");

      // SIGTERM, as systemd or docker stop sends it: drain (1 s here), un-register, stop Festival, exit.
      assertThat(bot.stop(Duration.ofSeconds(20))).as("exited by itself; output:%n%s", bot.output()).isTrue();
      assertThat(bot.output()).doesNotContain("Exception in thread \"main\"");
    }
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
