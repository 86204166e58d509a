package dev.voicebot.pipeline.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a reply into sentences so the first one can play while the next is synthesized. A
 * boundary is end punctuation followed by white space (so "$29.99" and "1, 2, 3" stay whole);
 * pieces shorter than {@value #MIN_CHARS} characters join the next one, because very short
 * synthesis units sound choppy (the same floor as livekit/agents' tokenizer).
 */
final class SentenceSplitter {

  static final int MIN_CHARS = 20;
  private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+");

  List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String piece : BOUNDARY.split(text.strip())) {
      if (piece.isBlank()) {
        continue;
      }
      if (!pending.isEmpty()) {
        pending.append(' ');
      }
      pending.append(piece.strip());
      if (pending.length() >= MIN_CHARS) {
        sentences.add(pending.toString());
        pending.setLength(0);
      }
    }
    if (!pending.isEmpty()) {
      sentences.add(pending.toString());
    }
    return sentences;
  }
}
