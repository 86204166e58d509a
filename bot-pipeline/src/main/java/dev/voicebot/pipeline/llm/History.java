package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.llm.ChatMessage.SystemMessage;
import dev.voicebot.pipeline.llm.ChatMessage.ToolMessage;
import dev.voicebot.pipeline.llm.ChatMessage.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation as the model sees it, kept within a token budget: the oldest messages go
 * first, but the system prompt and the caller's latest words (with everything after them) always
 * stay, and no tool result is kept without the assistant message that called it (servers reject
 * orphaned tool messages). Tokens are estimated at ~4 characters each: a budget, not a meter.
 */
final class History {

  private final SystemMessage system;
  private final int tokenBudget;
  private final List<ChatMessage> messages = new ArrayList<>();

  History(String systemPrompt, int tokenBudget) {
    this.system = new SystemMessage(systemPrompt);
    this.tokenBudget = tokenBudget;
  }

  void add(ChatMessage message) {
    messages.add(message);
  }

  /** Replaces a message (found by identity) in place; no-op if it was trimmed away. */
  void replace(ChatMessage old, ChatMessage replacement) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) == old) {
        messages.set(i, replacement);
        return;
      }
    }
  }

  void remove(ChatMessage message) {
    messages.removeIf(m -> m == message);
  }

  /** Trims to the budget and returns what to send: the system prompt, then the kept history. */
  List<ChatMessage> forRequest() {
    trim();
    List<ChatMessage> out = new ArrayList<>(messages.size() + 1);
    out.add(system);
    out.addAll(messages);
    return out;
  }

  /** The kept messages after the system prompt (for tests and diagnostics). */
  List<ChatMessage> messages() {
    return List.copyOf(messages);
  }

  private void trim() {
    int total = system.estimatedTokens() + messages.stream().mapToInt(ChatMessage::estimatedTokens).sum();
    int protectedFrom = lastUserIndex();
    while (total > tokenBudget && protectedFrom > 0) {
      total -= messages.removeFirst().estimatedTokens();
      protectedFrom--;
      // Results whose call was just dropped would be orphans.
      while (protectedFrom > 0 && messages.getFirst() instanceof ToolMessage) {
        total -= messages.removeFirst().estimatedTokens();
        protectedFrom--;
      }
    }
  }

  private int lastUserIndex() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage) {
        return i;
      }
    }
    return messages.size();
  }
}
