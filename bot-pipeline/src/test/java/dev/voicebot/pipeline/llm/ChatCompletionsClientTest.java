package dev.voicebot.pipeline.llm;

import static dev.voicebot.pipeline.llm.FakeLlmServer.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.LlmSettings;
import dev.voicebot.pipeline.llm.ChatEvent.Completed;
import dev.voicebot.pipeline.llm.ChatEvent.Failed;
import dev.voicebot.pipeline.llm.ChatEvent.TextDelta;
import dev.voicebot.pipeline.llm.ChatMessage.AssistantMessage;
import dev.voicebot.pipeline.llm.ChatMessage.SystemMessage;
import dev.voicebot.pipeline.llm.ChatMessage.ToolMessage;
import dev.voicebot.pipeline.llm.ChatMessage.UserMessage;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.tools.ToolSpec;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChatCompletionsClientTest {

  private static final LlmSettings.Timeouts FAST =
      new LlmSettings.Timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5));

  private final FakeLlmServer server = newServer();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final LinkedBlockingQueue<ChatEvent> events = new LinkedBlockingQueue<>();

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

  private ChatCompletionsClient client(Optional<String> key) {
    return new ChatCompletionsClient(http, new LlmEndpoint(LlmEndpoint.chatUrl(server.baseUrl()), key, FAST));
  }

  private static ChatRequest request() {
    return new ChatRequest("test-model",
        List.of(new SystemMessage("Be brief."), new UserMessage("hi"),
            new AssistantMessage("", List.of(new ToolCall("call_9", "end_call", "{}"))),
            new ToolMessage("call_9", "ok")),
        List.of(new ToolSpec("end_call", "Ends the call.", Json.object("type", "object"))),
        OptionalDouble.of(0.2), OptionalInt.of(64));
  }

  /** Every event up to and including the final one. */
  private List<ChatEvent> untilEnd() throws InterruptedException {
    List<ChatEvent> out = new ArrayList<>();
    while (true) {
      ChatEvent event = events.poll(5, TimeUnit.SECONDS);
      assertThat(event).as("an event within 5 s").isNotNull();
      out.add(event);
      if (!(event instanceof TextDelta)) {
        return out;
      }
    }
  }

  @Test
  void streamsTextPiecesThenCompletes() throws Exception {
    server.enqueue(stream().role().tokens("Hel", "lo", " there.").end());
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd()).containsExactly(
        new TextDelta("Hel"), new TextDelta("lo"), new TextDelta(" there."), new Completed("stop", List.of()));
  }

  @Test
  void sendsTheProtocolRequestWithTheKeyOnlyInTheHeader() throws Exception {
    server.enqueue(stream().text("ok").end());
    ChatCompletionsClient client = client(Optional.of("sk-secret"));
    client.stream(request(), events::add);
    untilEnd();
    Json body = server.requests.getFirst();
    assertThat(body.get("model").string()).contains("test-model");
    assertThat(body.get("stream")).isEqualTo(new Json.Bool(true));
    assertThat(body.get("temperature")).isEqualTo(new Json.Num("0.2"));
    assertThat(body.get("max_tokens")).isEqualTo(new Json.Num("64"));
    assertThat(body.get("messages").items()).extracting(m -> m.get("role").string().orElse(""))
        .containsExactly("system", "user", "assistant", "tool");
    Json assistant = body.get("messages").at(2);
    assertThat(assistant.get("content").isNull()).isTrue();
    assertThat(assistant.get("tool_calls").at(0).get("function").get("name").string()).contains("end_call");
    assertThat(body.get("messages").at(3).get("tool_call_id").string()).contains("call_9");
    assertThat(body.get("tools").at(0).get("function").get("name").string()).contains("end_call");
    assertThat(server.authorizations).containsExactly("Bearer sk-secret");
    assertThat(body.toJson()).doesNotContain("sk-secret");
    assertThat(client.endpoint().toString()).doesNotContain("sk-secret");
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() throws Exception {
    server.enqueue(stream().text("ok").end());
    client(Optional.empty()).stream(request(), events::add);
    untilEnd();
    assertThat(server.authorizations).containsExactly("");
  }

  @Test
  void assemblesToolCallsFromInterleavedFragments() throws Exception {
    server.enqueue(stream()
        .text("Let me check.")
        .toolCallStart(0, "call_a", "lookup")
        .toolCallStart(1, "call_b", "send_dtmf")
        .toolArguments(0, "{\"order\":")
        .toolArguments(1, "{\"digits\":\"12#\"}")
        .toolArguments(0, "\"42\"}")
        .finish("tool_calls").done());
    client(Optional.empty()).stream(request(), events::add);
    List<ChatEvent> all = untilEnd();
    assertThat(all.getLast()).isEqualTo(new Completed("tool_calls", List.of(
        new ToolCall("call_a", "lookup", "{\"order\":\"42\"}"),
        new ToolCall("call_b", "send_dtmf", "{\"digits\":\"12#\"}"))));
  }

  @Test
  void ollamaStyleWholeToolCallsWithoutIndexAreAccepted() throws Exception {
    server.enqueue(stream()
        .data("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"call_x\",\"function\":"
            + "{\"name\":\"end_call\",\"arguments\":{\"reason\":\"done\"}}}]},\"finish_reason\":null}]}")
        .finish("tool_calls").done());
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd().getLast())
        .isEqualTo(new Completed("tool_calls", List.of(new ToolCall("call_x", "end_call", "{\"reason\":\"done\"}"))));
  }

  @Test
  void anHttpErrorCarriesTheStatusAndTheProvidersMessage() throws Exception {
    server.enqueue(new FakeLlmServer.Status(429, "{\"error\":{\"message\":\"Rate limit reached for model\",\"type\":\"requests\"}}"));
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd()).containsExactly(
        new Failed(new LlmFailure.HttpError(429, "Rate limit reached for model"), false));
  }

  @Test
  void aLongErrorBodyIsTruncated() throws Exception {
    server.enqueue(new FakeLlmServer.Status(500, "x".repeat(5000)));
    client(Optional.empty()).stream(request(), events::add);
    Failed failed = (Failed) untilEnd().getLast();
    LlmFailure.HttpError error = (LlmFailure.HttpError) failed.failure();
    assertThat(error.status()).isEqualTo(500);
    assertThat(error.message()).hasSizeLessThan(320);
  }

  @Test
  void noFirstTokenInTimeIsAFirstTokenTimeoutEvenAfterTheRoleChunk() throws Exception {
    server.enqueue(stream().role().pause(1000).text("late").end());
    long start = System.nanoTime();
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd()).containsExactly(
        new Failed(new LlmFailure.TimedOut(LlmFailure.Stage.FIRST_TOKEN, FAST.firstToken()), false));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
  }

  @Test
  void aStallAfterTextIsAnIdleTimeout() throws Exception {
    server.enqueue(stream().text("Hello").pause(1000).end());
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd()).containsExactly(
        new TextDelta("Hello"), new Failed(new LlmFailure.TimedOut(LlmFailure.Stage.IDLE, FAST.idle()), true));
  }

  @Test
  void aDisconnectMidStreamIsAFailureAfterText() throws Exception {
    server.enqueue(stream().text("Your order").pause(50).disconnect());
    client(Optional.empty()).stream(request(), events::add);
    List<ChatEvent> all = untilEnd();
    assertThat(all.getFirst()).isEqualTo(new TextDelta("Your order"));
    assertThat(all.getLast()).isInstanceOfSatisfying(Failed.class, f -> {
      assertThat(f.failure()).isInstanceOf(LlmFailure.Disconnected.class);
      assertThat(f.afterText()).isTrue();
    });
  }

  @Test
  void aStreamThatEndsWithoutFinishingIsADisconnect() throws Exception {
    server.enqueue(stream().text("Your order"));
    client(Optional.empty()).stream(request(), events::add);
    assertThat(untilEnd().getLast()).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.failure()).isInstanceOf(LlmFailure.Disconnected.class));
  }

  @Test
  void cancellingClosesTheConnectionAndSilencesTheStream() throws Exception {
    server.enqueue(stream().text("Hello").keepStreaming());
    ChatStream stream = client(Optional.empty()).stream(request(), events::add);
    assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new TextDelta("Hello"));
    stream.cancel();
    events.clear();
    assertThat(server.clientHungUp.await(10, TimeUnit.SECONDS)).as("server saw the connection close").isTrue();
    Thread.sleep(100);
    assertThat(events).isEmpty();
  }

  @Test
  void anUnreachableServerFailsFast() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    new ChatCompletionsClient(http, new LlmEndpoint(LlmEndpoint.chatUrl(URI.create("http://127.0.0.1:" + port)),
        Optional.empty(), FAST)).stream(request(), events::add);
    assertThat(untilEnd().getLast()).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.failure()).isInstanceOf(LlmFailure.Unreachable.class));
  }

  @Test
  void theChatUrlIsDerivedFromTheBaseWithOrWithoutV1() {
    assertThat(LlmEndpoint.chatUrl(URI.create("http://localhost:11434")))
        .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    assertThat(LlmEndpoint.chatUrl(URI.create("https://api.groq.com/openai/v1/")))
        .isEqualTo(URI.create("https://api.groq.com/openai/v1/chat/completions"));
  }

  @Test
  void theKeyIsReadFromTheNamedEnvironmentVariable() {
    LlmSettings settings = LlmSettings.of(server.baseUrl(), "m", "p").withApiKeyEnv("LLM_KEY");
    assertThat(LlmEndpoint.of(settings, Map.of("LLM_KEY", "sk-1")::get).apiKey()).contains("sk-1");
    assertThat(LlmEndpoint.of(settings, name -> null).apiKey()).isEmpty();
  }
}
