package dev.voicebot.pipeline.llm;

/**
 * Results of the brain's I/O, posted from virtual threads into the conversation's mailbox and
 * handed back to {@link LlmBrain#on} on the conversation's thread. Stamped with their turn (and
 * round) so results of a cancelled turn are recognized and dropped.
 */
public sealed interface LlmEvent {

  /** Something from the chat stream of round {@code round} of turn {@code turn}. */
  record Chat(long turn, int round, ChatEvent event) implements LlmEvent {}

  /** A webhook tool call of turn {@code turn} finished. */
  record WebhookDone(long turn, String toolCallId, WebhookResult result) implements LlmEvent {}
}
