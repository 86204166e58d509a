package dev.voicebot.pipeline.llm;

import java.util.List;
import java.util.Objects;

/** What a streaming chat request reports, in order: text pieces, then exactly one end. */
public sealed interface ChatEvent {

  /** More of the reply's text. */
  record TextDelta(String text) implements ChatEvent {}

  /** The reply is complete; tool calls are assembled from their streamed fragments. */
  record Completed(String finishReason, List<ToolCall> toolCalls) implements ChatEvent {
    public Completed {
      Objects.requireNonNull(finishReason, "finishReason");
      toolCalls = List.copyOf(toolCalls);
    }
  }

  /** The request failed; {@code afterText} tells whether some text had already been delivered. */
  record Failed(LlmFailure failure, boolean afterText) implements ChatEvent {}
}
