package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.http.InsecureHttpException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The HTTP port: loopback unless a token guards it, and with a token every request but health needs it. */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class HttpTokenTest {

  private static final String TOKEN = "tok-3f9a1c77e2";

  @TempDir Path work;

  @Test
  void aNonLoopbackBindWithoutATokenFailsAtStartBeforeAnythingIsBound(CapturedOutput output) {
    long started = System.nanoTime();
    assertThatThrownBy(() -> RunningBot.start(work.resolve("open"), 39060, 39200, Map.of(), Map.of(
        "server.address", "0.0.0.0")))
        .hasRootCauseInstanceOf(InsecureHttpException.class)
        .rootCause().hasMessageContaining("server.address=0.0.0.0 without a token");
    assertThat(output).contains("Refusing to start").contains("VOICEBOT_HTTP_TOKEN")
        .as("it failed before Festival, the models or any port").doesNotContain("festival serving")
        .doesNotContain("Tomcat started");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void withATokenTheApiAndMetricsAnswer401WithoutItAnd200WithIt() throws Exception {
    try (var bot = RunningBot.start(work.resolve("guarded"), 39062, 39200, Map.of(), Map.of(
        "voicebot.http.token", TOKEN));
        var http = HttpClient.newHttpClient()) {
      String base = "http://127.0.0.1:" + bot.httpPort();
      for (String path : new String[] {"/api/calls", "/api/trunks", "/actuator/prometheus", "/actuator/metrics"}) {
        var none = get(http, base + path, null);
        assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
            v -> assertThat(v).startsWith("Bearer"));
        assertThat(get(http, base + path, "Bearer wrong-" + TOKEN).statusCode()).as(path + " wrong token").isEqualTo(401);
        assertThat(get(http, base + path, "Basic " + TOKEN).statusCode()).as(path + " not bearer").isEqualTo(401);
        assertThat(get(http, base + path, "Bearer " + TOKEN).statusCode()).as(path + " with the token").isEqualTo(200);
      }
      assertThat(get(http, base + "/actuator/prometheus", "Bearer " + TOKEN).body()).contains("voicebot_");
      assertThat(get(http, base + "/no/such/page", null).statusCode()).as("unknown paths too").isEqualTo(401);
      String recording = base + "/api/calls/no-such-call/recording.wav";
      assertThat(get(http, recording, null).statusCode()).as("recordings too").isEqualTo(401);
      assertThat(get(http, recording, "Bearer " + TOKEN).statusCode()).as("past the token").isEqualTo(404);
      assertThat(get(http, base + "/actuator/health", null).statusCode()).as("health probes need no token")
          .isEqualTo(200);
      for (String sneaky : new String[] {"/actuator/health/../prometheus", "/actuator/health/%2e%2e/prometheus",
          "/actuator/health;x=1/../prometheus", "/actuator/health/..;/prometheus",
          "/console.js/../api/calls", "/index.html/..;/api/calls", "/;x=1/../api/calls", "/%2e%2e/api/calls"}) {
        assertThat(rawStatus(bot.httpPort(), sneaky)).as(sneaky).isNotEqualTo(200);
      }
      // Last: a drain that passes ends the app.
      var agent = bot.bean(dev.voicebot.sip.SipUserAgent.class);
      assertThat(post(http, base + "/api/drain", null).statusCode()).as("drain without a token").isEqualTo(401);
      assertThat(post(http, base + "/api/drain", "Bearer wrong-" + TOKEN).statusCode()).isEqualTo(401);
      assertThat(agent.isDraining()).as("a refused drain request drains nothing").isFalse();
      assertThat(post(http, base + "/api/drain", "Bearer " + TOKEN).statusCode()).as("drain").isEqualTo(202);
      assertThat(agent.isDraining()).isTrue();
    }
  }

  private static HttpResponse<String> post(HttpClient http, String url, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The status line for a path sent exactly as written (an HTTP client might normalize it first). */
  private static int rawStatus(int port, String path) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String authorization) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
