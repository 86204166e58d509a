package dev.voicebot.pipeline.brain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What one call has learnt so far (slots the caller filled, fields of lookups), and prompts with
 * {@code {name}} filled in from it. Confined to the conversation's thread, as the brain is.
 */
final class Variables {

  /** A {@code {name}} in a prompt; the dialplan loader checks names with the same rule. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

  private final Map<String, String> values = new HashMap<>();
  /** Variables holding digits: read back one by one, never as a number. */
  private final Set<String> digitSlots = new HashSet<>();

  void putDigits(String name, String digits) {
    values.put(name, digits);
    digitSlots.add(name);
  }

  void put(String name, String value) {
    values.put(name, value);
    digitSlots.remove(name);
  }

  void putAll(Map<String, String> more) {
    more.forEach((name, value) -> {
      values.put(name, value);
      digitSlots.remove(name);
    });
  }

  Map<String, String> asMap() {
    return Map.copyOf(values);
  }

  void clear() {
    values.clear();
    digitSlots.clear();
  }

  /** The template with each known {@code {name}} replaced; an unknown one is left out, not read out. */
  String render(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.getOrDefault(name, "");
      m.appendReplacement(out, Matcher.quoteReplacement(digitSlots.contains(name) ? spokenDigits(value) : value));
    }
    return m.appendTail(out).toString();
  }

  /** Separated by commas so the synthesizer reads "1, 2, 3" digit by digit, not "one hundred twenty-three". */
  static String spokenDigits(String digits) {
    return digits.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
  }
}
