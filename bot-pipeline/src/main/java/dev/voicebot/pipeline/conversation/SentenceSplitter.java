package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.text.SentenceChunker;
import java.util.List;

/**
 * Splits a whole reply into sentences so the first one can play while the next is synthesized;
 * the rules live in {@link SentenceChunker}, which also serves text streamed from an LLM, so cached
 * prompts and spoken sentences always agree.
 */
final class SentenceSplitter {

  static final int MIN_CHARS = SentenceChunker.MIN_CHARS;

  List<String> split(String text) {
    return SentenceChunker.split(text);
  }
}
