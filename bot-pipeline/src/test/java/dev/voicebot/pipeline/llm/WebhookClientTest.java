package dev.voicebot.pipeline.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.json.Json;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WebhookClientTest {

  private final FakeLlmServer server = newServer();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final WebhookClient client = new WebhookClient(http);
  private final LinkedBlockingQueue<WebhookResult> results = new LinkedBlockingQueue<>();

  private static FakeLlmServer newServer() {
    try {
      return new FakeLlmServer();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    server.close();
    http.close();
  }

  private WebhookTool tool(Duration timeout) {
    return new WebhookTool("lookup", "Looks up.", Json.object("type", "object"), server.hookUrl("lookup"), "POST", timeout);
  }

  @Test
  void theArgumentsArePostedAndTheBodyIsTheResult() throws Exception {
    server.hook("lookup", new FakeLlmServer.Hook(200, "{\"status\":\"shipped\"}", 0));
    client.call(tool(Duration.ofSeconds(2)), "{\"order\":\"42\"}", results::add);
    assertThat(results.poll(5, TimeUnit.SECONDS)).isEqualTo(new WebhookResult(true, "{\"status\":\"shipped\"}"));
    assertThat(server.hookCalls).containsExactly("POST /hooks/lookup {\"order\":\"42\"}");
  }

  @Test
  void aLongBodyIsTruncated() throws Exception {
    server.hook("lookup", new FakeLlmServer.Hook(200, "x".repeat(10_000), 0));
    client.call(tool(Duration.ofSeconds(2)), "{}", results::add);
    assertThat(results.poll(5, TimeUnit.SECONDS).content()).hasSizeLessThanOrEqualTo(WebhookClient.MAX_RESULT_CHARS + 1);
  }

  @Test
  void anErrorStatusIsAnErrorResult() throws Exception {
    server.hook("lookup", new FakeLlmServer.Hook(503, "down for maintenance", 0));
    client.call(tool(Duration.ofSeconds(2)), "{}", results::add);
    WebhookResult result = results.poll(5, TimeUnit.SECONDS);
    assertThat(result.ok()).isFalse();
    assertThat(result.content()).contains("HTTP 503", "down for maintenance");
  }

  /** Repeated: which of the two timeouts (request or wait) fires first varies, and both must report. */
  @RepeatedTest(5)
  void aSlowEndpointAlwaysYieldsATimeoutResult() throws Exception {
    server.hook("lookup", new FakeLlmServer.Hook(200, "late", 1500));
    client.call(tool(Duration.ofMillis(150)), "{}", results::add);
    WebhookResult result = results.poll(3, TimeUnit.SECONDS);
    assertThat(result).as("a result despite the timeout").isNotNull();
    assertThat(result.ok()).isFalse();
    assertThat(result.content()).contains("did not answer within 150 ms");
  }

  @Test
  void aCancelledCallDeliversNothing() throws Exception {
    server.hook("lookup", new FakeLlmServer.Hook(200, "late", 500));
    client.call(tool(Duration.ofSeconds(2)), "{}", results::add).cancel();
    assertThat(results.poll(1, TimeUnit.SECONDS)).isNull();
  }
}
