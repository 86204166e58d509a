package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which intent the caller's words mean, tolerating rephrasing and recognizer errors.
 *
 * <p>Both the utterance and each example phrase become content tokens ({@link TextNormalizer}).
 * A phrase scores by weighted soft token overlap: every token takes its best fuzzy match on the
 * other side (normalized Levenshtein on words and stems, counted only from {@value
 * #TOKEN_MATCH}), weighted by how distinctive the token is across the dialplan's intents (rare
 * tokens such as "hours" outweigh shared ones such as "what"). Recall (how much of the phrase was
 * said) dominates precision (how much of what was said belongs to the phrase), because callers
 * wrap requests in extra words. An intent scores by its best phrase, plus a bonus when the caller
 * used a keyword that belongs to that intent alone. The best intent at or above the threshold wins.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class IntentMatcher {

  /** Matches at or above this let the conversation end the caller's turn early. */
  public static final double CONFIDENT_SCORE = 0.85;

  /** Default acceptance threshold. */
  public static final double DEFAULT_THRESHOLD = 0.6;

  static final double TOKEN_MATCH = 0.8;
  private static final double RECALL_WEIGHT = 0.8;
  private static final double KEYWORD_BONUS = 0.1;

  private record CompiledIntent(Intent intent, List<List<String>> phrases, Set<String> keywords) {}

  private final List<CompiledIntent> intents;
  private final Map<String, Double> weights;
  private final double unknownTokenWeight;
  private final double threshold;

  public IntentMatcher(List<Intent> intents) {
    this(intents, DEFAULT_THRESHOLD);
  }

  public IntentMatcher(List<Intent> intents, double threshold) {
    this.threshold = threshold;
    Map<String, Set<String>> intentsByStem = new HashMap<>();
    List<List<List<String>>> tokenized = new ArrayList<>();
    for (Intent intent : intents) {
      List<List<String>> phrases =
          intent.phrases().stream().map(TextNormalizer::contentTokens).filter(p -> !p.isEmpty()).toList();
      tokenized.add(phrases);
      phrases.stream()
          .flatMap(List::stream)
          .forEach(t -> intentsByStem.computeIfAbsent(TextNormalizer.stem(t), k -> new HashSet<>()).add(intent.name()));
    }
    int count = Math.max(1, intents.size());
    Map<String, Double> computed = new HashMap<>();
    intentsByStem.forEach((stem, owners) -> computed.put(stem, Math.log(1.0 + (double) count / owners.size())));
    this.weights = Map.copyOf(computed);
    this.unknownTokenWeight = Math.log(1.0 + count);
    List<CompiledIntent> compiled = new ArrayList<>();
    for (int i = 0; i < intents.size(); i++) {
      Intent intent = intents.get(i);
      Set<String> keywords = new HashSet<>();
      tokenized.get(i).stream()
          .flatMap(List::stream)
          .filter(t -> t.length() >= 3 && intentsByStem.get(TextNormalizer.stem(t)).size() == 1)
          .forEach(keywords::add);
      compiled.add(new CompiledIntent(intent, tokenized.get(i), Set.copyOf(keywords)));
    }
    this.intents = List.copyOf(compiled);
  }

  /** The best intent for the words, if any scores at or above the threshold. */
  public Optional<IntentMatch> match(String text) {
    List<IntentMatch> ranked = rank(text);
    return ranked.isEmpty() || ranked.getFirst().score() < threshold
        ? Optional.empty()
        : Optional.of(ranked.getFirst());
  }

  /** Every intent with its score, best first; for diagnostics and tuning. */
  public List<IntentMatch> rank(String text) {
    List<String> said = TextNormalizer.contentTokens(text);
    if (said.isEmpty()) {
      return List.of();
    }
    List<String> heard = withJoinedNeighbours(said);
    return intents.stream()
        .map(intent -> new IntentMatch(intent.intent(), score(said, heard, intent)))
        .sorted(Comparator.comparingDouble(IntentMatch::score).reversed())
        .toList();
  }

  private double score(List<String> said, List<String> heard, CompiledIntent intent) {
    double best = 0;
    for (List<String> phrase : intent.phrases()) {
      double recall = coverage(phrase, heard);
      double precision = coverage(said, phrase);
      best = Math.max(best, RECALL_WEIGHT * recall + (1 - RECALL_WEIGHT) * precision);
    }
    if (best > 0 && usesKeyword(heard, intent.keywords())) {
      best += KEYWORD_BONUS;
    }
    return Math.min(1.0, best);
  }

  /** The tokens plus each pair of neighbours joined: recognizers split words ("good by", "represent tative"). */
  private static List<String> withJoinedNeighbours(List<String> tokens) {
    List<String> heard = new ArrayList<>(tokens);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      heard.add(tokens.get(i) + tokens.get(i + 1));
    }
    return heard;
  }

  /** Weighted share of {@code tokens} that fuzzily appear in {@code other}. */
  private double coverage(List<String> tokens, List<String> other) {
    double total = 0;
    double matched = 0;
    for (String token : tokens) {
      double weight = weight(token);
      total += weight;
      matched += weight * bestSimilarity(token, other);
    }
    return total == 0 ? 0 : matched / total;
  }

  private static double bestSimilarity(String token, List<String> candidates) {
    double best = 0;
    for (String candidate : candidates) {
      double similarity = Similarity.words(token, candidate);
      if (similarity >= TOKEN_MATCH && similarity > best) {
        best = similarity;
      }
    }
    return best;
  }

  private static boolean usesKeyword(List<String> said, Set<String> keywords) {
    for (String keyword : keywords) {
      if (bestSimilarity(keyword, said) > 0) {
        return true;
      }
    }
    return false;
  }

  private double weight(String token) {
    return weights.getOrDefault(TextNormalizer.stem(token), unknownTokenWeight);
  }
}
