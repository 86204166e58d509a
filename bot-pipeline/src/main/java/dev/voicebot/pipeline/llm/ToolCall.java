package dev.voicebot.pipeline.llm;

import java.util.Objects;

/**
 * A function call the model asked for.
 *
 * @param id the model's id for it; the result must quote it
 * @param arguments the arguments as the model wrote them: JSON text, not yet validated
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
