package dev.voicebot.pipeline.llm;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams chat completions from an OpenAI-compatible server ({@code POST /v1/chat/completions}
 * with {@code stream: true}, answered as server-sent events). Each request runs on its own virtual
 * thread and reports through a callback; it can be cancelled at any moment, which closes its
 * connection. Thread-safe; share one per endpoint.
 */
public final class ChatCompletionsClient {

  private final HttpClient http;
  private final LlmEndpoint endpoint;

  /** @param http should use HTTP/1.1 so a cancelled stream closes exactly its own connection */
  public ChatCompletionsClient(HttpClient http, LlmEndpoint endpoint) {
    this.http = Objects.requireNonNull(http, "http");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Sends the request and returns at once. {@code sink} receives {@link ChatEvent.TextDelta}s and
   * then exactly one {@link ChatEvent.Completed} or {@link ChatEvent.Failed}, on the request's
   * thread; after {@link ChatStream#cancel()} it receives nothing more.
   */
  public ChatStream stream(ChatRequest request, Consumer<ChatEvent> sink) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.chatUrl())
        .header("Content-Type", "application/json")
        .header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(request.toJson()));
    endpoint.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    ChatStream stream = new ChatStream(http, builder.build(), endpoint.timeouts(), sink);
    Thread.ofVirtual().name("llm-stream").start(stream::run);
    return stream;
  }

  public LlmEndpoint endpoint() {
    return endpoint;
  }
}
