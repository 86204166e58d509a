package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.json.Json;
import java.util.Objects;

/** A function tool offered to the model: its name, when to use it, and a JSON schema of its arguments. */
public record ToolSpec(String name, String description, Json parameters) {

  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
  }

  Json toJson() {
    return Json.object("type", "function",
        "function", Json.object("name", name, "description", description, "parameters", parameters));
  }
}
