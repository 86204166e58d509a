package dev.voicebot.pipeline.tools;

import dev.voicebot.pipeline.json.Json;
import java.util.Objects;

/** A function tool offered to the model: its name, when to use it, and a JSON schema of its arguments. */
public record ToolSpec(String name, String description, Json parameters) {

  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** As Chat Completions offers it: the function nested under {@code function}. */
  public Json chatCompletionsJson() {
    return Json.object("type", "function",
        "function", Json.object("name", name, "description", description, "parameters", parameters));
  }

  /** As the Realtime API offers it: the function's fields flat beside {@code type}. */
  public Json realtimeJson() {
    return Json.object("type", "function", "name", name, "description", description, "parameters", parameters);
  }
}
