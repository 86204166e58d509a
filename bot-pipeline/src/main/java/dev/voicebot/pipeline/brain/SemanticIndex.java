package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.embedding.SentenceEncoder;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The example phrases of a dialplan's intents as sentence vectors, embedded once when the
 * dialplan's matcher is built, so a caller's words cost one encoder run (or a cache hit) however
 * many phrases there are. Immutable and thread-safe.
 */
final class SemanticIndex {

  private static final Pattern UNKNOWN_MARKER = Pattern.compile("\\[unk]|<unk>");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final SentenceEncoder encoder;
  /** Per intent (in the dialplan's order), its phrases' vectors. */
  private final List<List<float[]>> phrases;

  SemanticIndex(SentenceEncoder encoder, List<Intent> intents) {
    this.encoder = encoder;
    this.phrases = intents.stream()
        .map(intent -> intent.phrases().stream().map(SemanticIndex::clean).map(encoder::embed).toList())
        .toList();
  }

  /** For each intent, the cosine similarity of the words to its closest phrase (0 without phrases). */
  double[] similarities(String text) {
    float[] said = encoder.embed(clean(text));
    double[] best = new double[phrases.size()];
    for (int i = 0; i < best.length; i++) {
      for (float[] phrase : phrases.get(i)) {
        best[i] = Math.max(best[i], SentenceEncoder.cosine(said, phrase));
      }
    }
    return best;
  }

  /**
   * Recognizer output and written phrases alike: lower case, markers of unheard words gone, one
   * space between words; so the same words hit the encoder's cache however they were spaced.
   */
  static String clean(String text) {
    String lower = UNKNOWN_MARKER.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    return SPACES.matcher(lower.replace('’', '\'')).replaceAll(" ").strip();
  }
}
