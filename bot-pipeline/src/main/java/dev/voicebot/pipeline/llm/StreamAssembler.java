package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.text.Truncate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the chunks of a streamed chat completion: text deltas as they come, tool calls assembled
 * from fragments (the id and name arrive first, the arguments in pieces, keyed by {@code index}),
 * the finish reason, and the {@code [DONE]} sentinel. Servers differ in small ways (Ollama sends
 * whole tool calls, some omit {@code index}); those are tolerated.
 */
final class StreamAssembler {

  private static final int MAX_ERROR_CHARS = 300;

  private final Map<Integer, PartialCall> calls = new TreeMap<>();
  private String finishReason = "";
  private boolean done;
  private boolean started;
  private int lastIndex = -1;

  private static final class PartialCall {
    String id = "";
    String name = "";
    final StringBuilder arguments = new StringBuilder();
  }

  /**
   * One event's data; returns the text it adds (empty if none).
   *
   * @throws IllegalArgumentException if it is not a chunk, or is an in-stream error object
   */
  String accept(String data) {
    if (data.strip().equals("[DONE]")) {
      done = true;
      return "";
    }
    Json chunk = Json.parse(data);
    Json error = chunk.get("error");
    if (!error.isNull()) {
      String message = error.string().or(() -> error.get("message").string()).orElse(error.toJson());
      throw new IllegalArgumentException("error in stream: " + Truncate.to(MAX_ERROR_CHARS, message));
    }
    Json choice = chunk.get("choices").at(0);
    choice.get("finish_reason").string().ifPresent(reason -> finishReason = reason);
    Json delta = choice.get("delta");
    for (Json fragment : delta.get("tool_calls").items()) {
      started = true;
      int index = fragment.get("index") instanceof Json.Num n ? (int) n.doubleValue() : implicitIndex(fragment);
      lastIndex = index;
      PartialCall call = calls.computeIfAbsent(index, i -> new PartialCall());
      fragment.get("id").string().filter(id -> call.id.isEmpty()).ifPresent(id -> call.id = id);
      Json function = fragment.get("function");
      function.get("name").string().filter(name -> call.name.isEmpty()).ifPresent(name -> call.name = name);
      Json arguments = function.get("arguments");
      // Ollama sends arguments as an object rather than a string.
      arguments.string().or(() -> arguments instanceof Json.Obj ? Optional.of(arguments.toJson()) : Optional.empty())
          .ifPresent(call.arguments::append);
    }
    String text = delta.get("content").string().orElse("");
    if (!text.isEmpty()) {
      started = true;
    }
    return text;
  }

  /** Without {@code index}: a new id starts a new call, otherwise it continues the last one. */
  private int implicitIndex(Json fragment) {
    Optional<String> id = fragment.get("id").string();
    if (lastIndex < 0 || (id.isPresent() && !id.get().equals(calls.get(lastIndex).id))) {
      return lastIndex + 1;
    }
    return lastIndex;
  }

  /** Whether any text or tool call has arrived (the first token). */
  boolean started() {
    return started;
  }

  /** Whether the reply is known to be complete ({@code [DONE]} or a finish reason). */
  boolean complete() {
    return done || !finishReason.isEmpty();
  }

  String finishReason() {
    return finishReason.isEmpty() ? "stop" : finishReason;
  }

  List<ToolCall> toolCalls() {
    List<ToolCall> out = new ArrayList<>();
    calls.forEach((index, call) -> {
      String id = call.id.isEmpty() ? "call_" + index : call.id;
      String arguments = call.arguments.isEmpty() ? "{}" : call.arguments.toString();
      out.add(new ToolCall(id, call.name, arguments));
    });
    return out;
  }
}
