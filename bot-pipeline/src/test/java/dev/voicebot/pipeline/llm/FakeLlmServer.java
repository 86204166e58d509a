package dev.voicebot.pipeline.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voicebot.pipeline.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A chat completions server on loopback that speaks the exact streaming protocol
 * ({@code text/event-stream}, chunked, {@code data:} lines, {@code [DONE]}) from scripts, plus
 * webhook endpoints under {@code /hooks/}. Records every request and notices when a client hangs
 * up mid-stream.
 */
public final class FakeLlmServer implements AutoCloseable {

  /** What the server does with one chat request. */
  public sealed interface Reply {}

  /** A non-2xx answer with a body. */
  public record Status(int code, String body) implements Reply {}

  /** A streamed answer, step by step. */
  public static final class Stream implements Reply {
    final List<Step> steps = new ArrayList<>();

    public Stream role() {
      return data("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}");
    }

    public Stream text(String text) {
      return data("{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(text) + "},\"finish_reason\":null}]}");
    }

    /** Each piece as its own chunk, the way a model streams tokens. */
    public Stream tokens(String... pieces) {
      for (String piece : pieces) {
        text(piece);
      }
      return this;
    }

    public Stream toolCallStart(int index, String id, String name) {
      return data("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + quote(id)
          + ",\"type\":\"function\",\"function\":{\"name\":" + quote(name) + ",\"arguments\":\"\"}}]},\"finish_reason\":null}]}");
    }

    public Stream toolArguments(int index, String fragment) {
      return data("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
          + ",\"function\":{\"arguments\":" + quote(fragment) + "}}]},\"finish_reason\":null}]}");
    }

    /** A whole tool call in two fragments, as OpenAI streams it. */
    public Stream toolCall(int index, String id, String name, String arguments) {
      int half = arguments.length() / 2;
      return toolCallStart(index, id, name)
          .toolArguments(index, arguments.substring(0, half))
          .toolArguments(index, arguments.substring(half));
    }

    public Stream finish(String reason) {
      return data("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":" + quote(reason) + "}]}");
    }

    public Stream done() {
      return data("[DONE]");
    }

    /** finish("stop") and [DONE]. */
    public Stream end() {
      return finish("stop").done();
    }

    public Stream pause(int millis) {
      steps.add(new Pause(millis));
      return this;
    }

    /** Drops the connection abruptly, mid-stream. */
    public Stream disconnect() {
      steps.add(new Disconnect());
      return this;
    }

    /** Sends a token every 20 ms until the client goes away (at most 10 s). */
    public Stream keepStreaming() {
      steps.add(new KeepStreaming());
      return this;
    }

    public Stream data(String data) {
      steps.add(new Data(data));
      return this;
    }
  }

  sealed interface Step {}

  record Data(String data) implements Step {}

  record Pause(int millis) implements Step {}

  record Disconnect() implements Step {}

  record KeepStreaming() implements Step {}

  /** A webhook's behaviour: answer {@code body} with {@code status} after {@code delayMillis}. */
  public record Hook(int status, String body, int delayMillis) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
  /** Bodies of chat requests, parsed. */
  public final List<Json> requests = new CopyOnWriteArrayList<>();
  /** The Authorization header of each chat request ("" if none). */
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** Webhook calls as "METHOD /path body". */
  public final List<String> hookCalls = new CopyOnWriteArrayList<>();
  /** Counted down when a client closed the connection while the server was still streaming. */
  public final CountDownLatch clientHungUp = new CountDownLatch(1);

  public FakeLlmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/hooks/", this::hook);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public URI hookUrl(String name) {
    return URI.create(baseUrl() + "/hooks/" + name);
  }

  public static Stream stream() {
    return new Stream();
  }

  public FakeLlmServer enqueue(Reply... scripted) {
    replies.addAll(List.of(scripted));
    return this;
  }

  public FakeLlmServer hook(String name, Hook hook) {
    hooks.put(name, hook);
    return this;
  }

  /** The messages of the {@code n}th chat request (0-based). */
  public List<Json> messages(int n) {
    return requests.get(n).get("messages").items();
  }

  private void chat(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(Json.parse(body));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Reply reply = replies.poll();
    if (reply == null) {
      reply = new Status(500, "{\"error\":{\"message\":\"no scripted reply\"}}");
    }
    switch (reply) {
      case Status status -> send(exchange, status.code(), status.body());
      case Stream stream -> stream(exchange, stream);
    }
  }

  private void stream(HttpExchange exchange, Stream stream) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0); // chunked
    OutputStream out = exchange.getResponseBody();
    try {
      for (Step step : stream.steps) {
        switch (step) {
          case Data data -> write(out, data.data());
          case Pause pause -> sleep(pause.millis());
          case Disconnect d -> throw new IOException("simulated disconnect"); // the server drops the connection
          case KeepStreaming k -> {
            for (int i = 0; i < 500; i++) {
              write(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" and more\"},\"finish_reason\":null}]}");
              sleep(20);
            }
          }
        }
      }
      out.close();
    } catch (IOException e) {
      if (!(e.getMessage() != null && e.getMessage().equals("simulated disconnect"))) {
        clientHungUp.countDown();
      }
      throw e;
    }
  }

  private void hook(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
    hookCalls.add(exchange.getRequestMethod() + " /hooks/" + name + " " + body);
    Hook hook = hooks.getOrDefault(name, new Hook(404, "no such hook", 0));
    sleep(hook.delayMillis());
    send(exchange, hook.status(), hook.body());
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void write(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder();
    Json.appendQuoted(out, s);
    return out.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
