package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One message of a chat completions conversation, in the roles the protocol knows. */
public sealed interface ChatMessage {

  record SystemMessage(String content) implements ChatMessage {
    public SystemMessage {
      Objects.requireNonNull(content, "content");
    }
  }

  record UserMessage(String content) implements ChatMessage {
    public UserMessage {
      Objects.requireNonNull(content, "content");
    }
  }

  /** What the model said (possibly nothing) and the tools it called (possibly none). */
  record AssistantMessage(String content, List<ToolCall> toolCalls) implements ChatMessage {
    public AssistantMessage {
      Objects.requireNonNull(content, "content");
      toolCalls = List.copyOf(toolCalls);
    }
  }

  /** The result of the tool call {@code toolCallId}. */
  record ToolMessage(String toolCallId, String content) implements ChatMessage {
    public ToolMessage {
      Objects.requireNonNull(toolCallId, "toolCallId");
      Objects.requireNonNull(content, "content");
    }
  }

  /** Rough size for the history budget: ~4 characters per token plus a few tokens of framing. */
  default int estimatedTokens() {
    int chars = switch (this) {
      case SystemMessage m -> m.content().length();
      case UserMessage m -> m.content().length();
      case ToolMessage m -> m.content().length() + m.toolCallId().length();
      case AssistantMessage m -> m.content().length()
          + m.toolCalls().stream().mapToInt(c -> c.name().length() + c.arguments().length() + c.id().length()).sum();
    };
    return 4 + (chars + 3) / 4;
  }

  /** The message as the protocol's JSON object. */
  default Json toJson() {
    return switch (this) {
      case SystemMessage m -> Json.object("role", "system", "content", m.content());
      case UserMessage m -> Json.object("role", "user", "content", m.content());
      case ToolMessage m -> Json.object("role", "tool", "tool_call_id", m.toolCallId(), "content", m.content());
      case AssistantMessage m -> {
        if (m.toolCalls().isEmpty()) {
          yield Json.object("role", "assistant", "content", m.content());
        }
        List<Object> calls = new ArrayList<>();
        for (ToolCall call : m.toolCalls()) {
          calls.add(Json.object("id", call.id(), "type", "function",
              "function", Map.of("name", call.name(), "arguments", call.arguments())));
        }
        // Null, not "", when the model only called tools: some servers reject empty content there.
        yield Json.object("role", "assistant", "content", m.content().isEmpty() ? null : m.content(),
            "tool_calls", calls);
      }
    };
  }
}
