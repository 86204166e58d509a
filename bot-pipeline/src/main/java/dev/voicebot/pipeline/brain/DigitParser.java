package dev.voicebot.pipeline.brain;

import java.util.List;
import java.util.Map;

/**
 * Reads the digits in what the caller said: "one two three", "12345", "oh" for zero,
 * "double five". Words the recognizer often hears instead of digits ("oh", "for", "to", "won",
 * "ate") count only inside a run that touches a real digit, so "oh, I'm calling for my order"
 * holds no digits while "one oh oh" is 100.
 */
public final class DigitParser {

  private static final Map<String, String> HOMOPHONES =
      Map.of("oh", "0", "o", "0", "for", "4", "fore", "4", "to", "2", "too", "2", "won", "1", "ate", "8");

  private DigitParser() {}

  /** The digits in the text, in order; empty if none. */
  public static String digits(String text) {
    List<String> tokens = TextNormalizer.tokens(text);
    String[] values = new String[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.chars().allMatch(Character::isDigit)) {
        values[i] = token;
      }
    }
    // Grow digit runs over adjacent homophones and multipliers until nothing changes.
    boolean grown = true;
    while (grown) {
      grown = false;
      for (int i = 0; i < tokens.size(); i++) {
        if (values[i] == null && isDigitLike(tokens.get(i)) && touchesDigit(values, i)) {
          values[i] = HOMOPHONES.getOrDefault(tokens.get(i), "");
          grown = true;
        }
      }
    }
    StringBuilder digits = new StringBuilder();
    int repeat = 1;
    for (int i = 0; i < tokens.size(); i++) {
      switch (tokens.get(i)) {
        case "double" -> repeat = 2;
        case "triple" -> repeat = 3;
        default -> {
          if (values[i] != null) {
            digits.repeat(values[i], repeat);
          }
          repeat = 1;
        }
      }
    }
    return digits.toString();
  }

  private static boolean isDigitLike(String token) {
    return HOMOPHONES.containsKey(token) || token.equals("double") || token.equals("triple");
  }

  private static boolean touchesDigit(String[] values, int index) {
    return (index > 0 && values[index - 1] != null) || (index + 1 < values.length && values[index + 1] != null);
  }
}
