package dev.voicebot.pipeline.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.voicebot.pipeline.dialplan.Lookup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lookups against a real local HTTP server: every way a lookup ends is an outcome, never an exception. */
class HttpLookupClientTest {

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpLookupClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath();
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
          + " " + exchange.getRequestHeaders().getFirst("Authorization")
          + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (path.startsWith("/slow")) {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = path.contains("missing") ? 404 : path.contains("broken") ? 500 : 200;
      String body = path.contains("garbled") ? "<html>" : "{\"order\":{\"status\":\"shipped\",\"eta\":3},\"day\":\"Friday\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    URI own = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    client = new HttpLookupClient(HttpClient.newHttpClient(), () -> own, Map.of("Authorization", "Bearer own"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private static Lookup lookup(String url, Lookup.Method method, Duration timeout) {
    return new Lookup(url, method, timeout, Map.of("status", "order.status", "eta", "order.eta", "day", "day"),
        "wait", Duration.ofMillis(700), "found", "not found", "fallback");
  }

  private LookupOutcome fetch(String url, Lookup.Method method, Duration timeout, Map<String, String> variables)
      throws Exception {
    return client.fetch(lookup(url, method, timeout), variables).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFoundAnswerFillsTheMappedFieldsIncludingNestedOnesAndNumbers() throws Exception {
    var outcome = fetch("/orders/{order}", Lookup.Method.GET, Duration.ofSeconds(2), Map.of("order", "12345"));

    assertThat(outcome).isEqualTo(new LookupOutcome.Found(Map.of("status", "shipped", "eta", "3", "day", "Friday")));
    assertThat(seen).containsExactly("GET /orders/12345 Bearer own ");
  }

  @Test
  void aPostSendsTheVariablesAsJsonAndOtherHostsNeverGetTheOwnServersToken() throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/orders";

    fetch(url, Lookup.Method.POST, Duration.ofSeconds(2), Map.of("order", "12345"));

    assertThat(seen).containsExactly("POST /orders null {\"order\":\"12345\"}");
  }

  @Test
  void variablesInTheUrlAreEncodedSoACallersWordsCannotChangeThePath() throws Exception {
    fetch("/orders/{order}", Lookup.Method.GET, Duration.ofSeconds(2), Map.of("order", "../admin x"));

    assertThat(seen.getFirst()).startsWith("GET /orders/..%2Fadmin%20x ");
  }

  @Test
  void a404IsNotFound() throws Exception {
    assertThat(fetch("/missing/1", Lookup.Method.GET, Duration.ofSeconds(2), Map.of()))
        .isEqualTo(new LookupOutcome.NotFound());
  }

  @Test
  void anErrorStatusAnAnswerThatIsNotJsonAndAnUnreachableServerFail() throws Exception {
    assertThat(fetch("/broken", Lookup.Method.GET, Duration.ofSeconds(2), Map.of()))
        .isInstanceOf(LookupOutcome.Failed.class);
    assertThat(fetch("/garbled", Lookup.Method.GET, Duration.ofSeconds(2), Map.of()))
        .isEqualTo(new LookupOutcome.Failed("the answer is not JSON"));
    int closed;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    assertThat(fetch("http://127.0.0.1:" + closed + "/x", Lookup.Method.GET, Duration.ofSeconds(2), Map.of()))
        .isInstanceOf(LookupOutcome.Failed.class);
  }

  @Test
  void aSlowServerFailsAtTheTimeout() throws Exception {
    long start = System.nanoTime();

    var outcome = fetch("/slow", Lookup.Method.GET, Duration.ofMillis(300), Map.of());

    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(outcome).isEqualTo(new LookupOutcome.Failed("no answer within 300 ms"));
    assertThat(tookMs).isBetween(250L, 2_000L);
  }
}
