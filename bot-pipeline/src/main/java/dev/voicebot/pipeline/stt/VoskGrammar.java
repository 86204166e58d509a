package dev.voicebot.pipeline.stt;

import dev.voicebot.pipeline.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds Vosk's grammar: a JSON array of phrases plus {@code [unk]} for anything else. */
final class VoskGrammar {

  static final String UNKNOWN = "[unk]";

  private VoskGrammar() {}

  /** The grammar JSON, or null for free speech (no phrases). */
  static String toJson(List<String> phrases) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String phrase : phrases) {
      // The model's lexicon is lower case, and words are separated by single spaces.
      String p = phrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (!p.isEmpty()) {
        normalized.add(p);
      }
    }
    if (normalized.isEmpty()) {
      return null;
    }
    normalized.add(UNKNOWN);
    StringBuilder json = new StringBuilder("[");
    for (String p : normalized) {
      if (json.length() > 1) {
        json.append(", ");
      }
      Json.appendQuoted(json, p);
    }
    return json.append(']').toString();
  }
}
