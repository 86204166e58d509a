package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.tools.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** One streaming chat completions request. */
public record ChatRequest(
    String model, List<ChatMessage> messages, List<ToolSpec> tools, OptionalDouble temperature, OptionalInt maxTokens) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxTokens, "maxTokens");
  }

  /** The request body: always streamed. */
  public String toJson() {
    Map<String, Json> body = new java.util.LinkedHashMap<>();
    body.put("model", new Json.Str(model));
    body.put("stream", new Json.Bool(true));
    body.put("messages", new Json.Arr(messages.stream().map(ChatMessage::toJson).toList()));
    if (!tools.isEmpty()) {
      body.put("tools", new Json.Arr(tools.stream().map(ToolSpec::chatCompletionsJson).toList()));
    }
    temperature.ifPresent(t -> body.put("temperature", Json.from(t)));
    maxTokens.ifPresent(n -> body.put("max_tokens", Json.from(n)));
    return new Json.Obj(body).toJson();
  }

  @Override
  public String toString() {
    // Summary only: message contents are the caller's words and need not reach the logs.
    return "ChatRequest[model=" + model + ", messages=" + messages.size() + ", tools="
        + tools.stream().map(ToolSpec::name).collect(Collectors.joining(",")) + "]";
  }
}
