package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.embedding.SentenceEncoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which intent the caller's words mean, tolerating rephrasing and recognizer errors, by two
 * scores per intent: a lexical one (the words of the example phrases, fuzzily) and, when the
 * matcher has a sentence encoder, a semantic one (how close the meaning is to the nearest example
 * phrase). The lexical score catches recognizer slips and the listed keywords; the semantic one
 * catches what the script's author did not list ("what time do you shut", "put me through to
 * someone").
 *
 * <p>Lexical: both the utterance and each example phrase become content tokens ({@link TextNormalizer}).
 * A phrase scores by weighted soft token overlap: every token takes its best fuzzy match on the
 * other side (normalized Levenshtein on words and stems, counted only from {@value
 * #TOKEN_MATCH}), weighted by how distinctive the token is across the dialplan's intents (rare
 * tokens such as "hours" outweigh shared ones such as "what"). Recall (how much of the phrase was
 * said) dominates precision (how much of what was said belongs to the phrase), because callers
 * wrap requests in extra words. An intent scores by its best phrase, plus a bonus when the caller
 * used a keyword that belongs to that intent alone.
 *
 * <p>Semantic: the cosine similarity of the caller's sentence to the intent's closest example
 * phrase (all-MiniLM-L6-v2), mapped linearly onto the lexical scale so that {@value
 * #ACCEPTED_COSINE} scores {@value #DEFAULT_THRESHOLD} and {@value #CONFIDENT_COSINE} scores {@value
 * #CONFIDENT_SCORE}. Measured on the demo dialplan: unrelated requests ("what's the weather like",
 * "my cat is sick") stay below a cosine of 0.40, paraphrases of an intent mostly reach 0.5-0.9.
 *
 * <p>Combined: an intent scores the better of its two scores, plus a tenth of the other when both
 * rank it first (two signals agreeing are more evidence than one), except that a confident lexical
 * match (a listed phrase or keyword, said nearly as written) always ranks first: the script's own
 * words override the model. The best intent at or above the threshold wins. A match is confident
 * (the turn may end early) when it is lexically confident, or scores so combined in a sentence of at
 * least {@value #MIN_CONFIDENT_WORDS} words that does not end on a word that needs a continuation
 * ("I want to", "can I speak to the"): paraphrases get the short endpoint, half-sentences do not.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class IntentMatcher {

  /** Matches at or above this let the conversation end the caller's turn early. */
  public static final double CONFIDENT_SCORE = 0.85;

  /** Readings beyond the recognizer's best that must agree on an intent for it to count. */
  static final int AGREEING_READINGS = 2;

  /** Default acceptance threshold. */
  public static final double DEFAULT_THRESHOLD = 0.6;

  /** Cosine similarity that scores {@link #DEFAULT_THRESHOLD}: just above unrelated requests. */
  static final double ACCEPTED_COSINE = 0.42;
  /** Cosine similarity that scores {@link #CONFIDENT_SCORE}: a clear paraphrase. */
  static final double CONFIDENT_COSINE = 0.72;
  static final int MIN_CONFIDENT_WORDS = 3;
  /** Share of the weaker score added when the lexical and the semantic best are the same intent. */
  static final double AGREEMENT_WEIGHT = 0.1;
  /** Last words after which a sentence is not finished, whatever it seems to mean so far. */
  private static final Set<String> DANGLING = Set.of(
      "a", "an", "the", "to", "of", "for", "with", "about", "on", "at", "in", "from", "by", "my", "your",
      "our", "some", "and", "or", "but", "if", "is", "are", "am", "be", "i", "you", "we", "want", "like",
      "need", "would", "could", "can", "do", "does", "will", "what", "when", "where", "how", "which",
      "who", "why", "um", "uh", "er", "please", "just", "speak", "talk");

  static final double TOKEN_MATCH = 0.8;
  private static final double RECALL_WEIGHT = 0.8;
  private static final double KEYWORD_BONUS = 0.1;

  private record CompiledIntent(Intent intent, List<List<String>> phrases, Set<String> keywords) {}

  private final List<CompiledIntent> intents;
  private final Map<String, Double> weights;
  private final double unknownTokenWeight;
  private final double threshold;
  /** The example phrases' vectors; null for a lexical-only matcher. */
  private final SemanticIndex semantic;

  /** A lexical-only matcher with the default threshold. */
  public IntentMatcher(List<Intent> intents) {
    this(intents, DEFAULT_THRESHOLD, Optional.empty());
  }

  /**
   * @param threshold the score (0-1) a match needs to count
   * @param encoder when present, the intents' phrases are embedded now (once per dialplan) and
   *     every utterance at each call of {@link #rank}
   */
  public IntentMatcher(List<Intent> intents, double threshold, Optional<SentenceEncoder> encoder) {
    this.threshold = threshold;
    this.semantic = encoder.map(e -> new SemanticIndex(e, intents)).orElse(null);
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

  /**
   * The best intent for the recognizer's readings of what the caller said, most likely first: the
   * first reading's match; when it matches nothing, an intent that at least {@value
   * #AGREEING_READINGS} of the other readings match (the best-scoring of them). One other reading
   * alone is not enough: a short misreading ("when", "one") matches something often enough that
   * taking it would turn reprompts into wrong answers. Measured on the caller corpus (5 voices
   * unknown to the recognizer, clean and noisy, 210 requests; {@code scripts/bench-intents.sh}):
   * right answers 141 → 148, wrong ones 2 → 4; in an earlier run, taking any single matching
   * reading gave 18 more right but 8 more wrong.
   */
  public Optional<IntentMatch> match(List<String> readings) {
    if (readings.isEmpty()) {
      return Optional.empty();
    }
    Optional<IntentMatch> first = match(readings.getFirst());
    if (first.isPresent() || readings.size() < 1 + AGREEING_READINGS) {
      return first;
    }
    List<IntentMatch> others = readings.subList(1, readings.size()).stream()
        .map(this::match)
        .flatMap(Optional::stream)
        .toList();
    return others.stream()
        .filter(m -> others.stream().filter(o -> o.intent().equals(m.intent())).count() >= AGREEING_READINGS)
        .max(Comparator.comparingDouble(IntentMatch::score))
        // Not the confident kind: an intent read past the recognizer's best guess does not end a turn early.
        .map(m -> new IntentMatch(m.intent(), m.score(), false));
  }

  /**
   * Every intent with its score, best first; for diagnostics and tuning. Words without content
   * (fillers, "can I") match nothing, so neither score guesses at them.
   */
  public List<IntentMatch> rank(String text) {
    List<String> said = TextNormalizer.contentTokens(text);
    if (said.isEmpty()) {
      return List.of();
    }
    List<String> heard = withJoinedNeighbours(said);
    double[] cosines = semantic != null ? semantic.similarities(text) : null;
    boolean finished = finishedSentence(TextNormalizer.tokens(text));
    double[] lexical = new double[intents.size()];
    double[] meaning = new double[intents.size()];
    for (int i = 0; i < intents.size(); i++) {
      lexical[i] = score(said, heard, intents.get(i));
      meaning[i] = cosines != null ? semanticScore(cosines[i]) : 0;
    }
    // Both signals naming the same intent is more evidence than either alone ("put me through to
    // someone": "someone" is listed, the meaning is close); when they disagree, neither gains.
    int agreed = cosines != null && best(lexical) == best(meaning) ? best(lexical) : -1;
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < intents.size(); i++) {
      double combined = Math.max(lexical[i], meaning[i])
          + (i == agreed ? AGREEMENT_WEIGHT * Math.min(lexical[i], meaning[i]) : 0);
      combined = Math.min(1.0, combined);
      boolean listed = lexical[i] >= CONFIDENT_SCORE;
      boolean confident = combined >= threshold && (listed || (finished && combined >= CONFIDENT_SCORE));
      scored.add(new Scored(new IntentMatch(intents.get(i).intent(), combined, confident), listed));
    }
    return scored.stream()
        .sorted(Comparator.comparing(Scored::listed).thenComparingDouble(s -> s.match().score()).reversed())
        .map(Scored::match)
        .toList();
  }

  /** A match, and whether it is a listed phrase or keyword said nearly as written (those rank first). */
  private record Scored(IntentMatch match, boolean listed) {}

  private static int best(double[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The cosine on the lexical scale: ACCEPTED_COSINE → DEFAULT_THRESHOLD, CONFIDENT_COSINE → CONFIDENT_SCORE. */
  static double semanticScore(double cosine) {
    double slope = (CONFIDENT_SCORE - DEFAULT_THRESHOLD) / (CONFIDENT_COSINE - ACCEPTED_COSINE);
    return Math.clamp(DEFAULT_THRESHOLD + (cosine - ACCEPTED_COSINE) * slope, 0.0, 1.0);
  }

  /** Long enough to be a request, and not hanging on a word that needs more ("I want to"). */
  private static boolean finishedSentence(List<String> tokens) {
    return tokens.size() >= MIN_CONFIDENT_WORDS && !DANGLING.contains(tokens.getLast());
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
