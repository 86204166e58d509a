package dev.voicebot.pipeline.brain;

/** Fuzzy equality of single words, tolerant of recognizer slips ("ours" for "hours"). */
final class Similarity {

  private Similarity() {}

  /** 1 - Levenshtein distance / longer length: 1 for equal words, 0 for nothing in common. */
  static double normalizedLevenshtein(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    int longer = Math.max(a.length(), b.length());
    if (longer == 0) {
      return 1.0;
    }
    return 1.0 - (double) levenshtein(a, b) / longer;
  }

  /** Compares both the words and their stems, so inflection and misrecognition both get a chance. */
  static double words(String a, String b) {
    return Math.max(
        normalizedLevenshtein(a, b),
        normalizedLevenshtein(TextNormalizer.stem(a), TextNormalizer.stem(b)));
  }

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
