package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.SlotType;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Answers to the slots that are not digits (yes/no, a day, free text), from the caller's words or
 * a key, as the text their variable holds. Digits are added up by the brain itself (they may
 * come over several utterances and keys).
 */
final class SlotAnswers {

  /**
   * What the recognizer listens for at a yes/no question: the answer words, and what callers say
   * there that answers nothing. Without those in the grammar the recognizer forces them onto its
   * nearest phrase: at a read-back, "sorry?" became "three", "what?" "one", "thanks" "nine",
   * "that's not right" "right". Measured on the caller corpus (5 voices, clean and noisy): words
   * that answer nothing read as digits 29 of 120 times, 9 with these in; 14 ways of saying yes or
   * no heard right 76 of 140 times, 97 with these and the added answer words, and heard as the
   * other answer 9 times, 3 (most of them "that's not right" read as "right"). No word that
   * sounds like an answer: with "hello" in, a "No." on a loaded machine was read as "hello".
   */
  static final List<String> YES_NO_PHRASES = Stream.concat(YesNo.LISTENED_FOR.stream(), Stream.of(
      "sorry", "what", "pardon", "thanks", "thank you", "wait", "hang on", "um", "uh", "hmm", "well",
      "let me see", "again", "repeat", "what was that", "say that again", "that's right", "that's not right",
      "that's correct", "that's wrong")).toList();
  private static final List<String> DAY_WORDS = Stream.concat(
      Stream.of(DayOfWeek.values()).map(day -> day.name().toLowerCase(Locale.ROOT)),
      Stream.of("today", "tomorrow")).toList();

  private final DayMention days;

  SlotAnswers(DayMention days) {
    this.days = days;
  }

  Optional<String> fromWords(SlotType type, String text) {
    return fromWords(type, text, List.of());
  }

  /** @param alternatives the recognizer's other readings, which may cast doubt on a yes */
  Optional<String> fromWords(SlotType type, String text, List<String> alternatives) {
    return switch (type) {
      case YES_NO -> YesNo.of(text, alternatives).map(SlotAnswers::word);
      case DAY -> days.in(text).map(SlotAnswers::name);
      case TEXT -> Optional.of(text.strip()).filter(words -> !words.isEmpty());
      case DIGITS, NUMBER -> Optional.empty();
    };
  }

  /** Keys 1 (yes) and 2 (no); 1 (Monday) to 7 (Sunday). */
  Optional<String> fromKey(SlotType type, char key) {
    return switch (type) {
      case YES_NO -> key == '1' ? Optional.of(word(YesNo.YES)) : key == '2' ? Optional.of(word(YesNo.NO)) : Optional.empty();
      case DAY -> key >= '1' && key <= '7' ? Optional.of(name(DayOfWeek.of(key - '0'))) : Optional.empty();
      case TEXT, DIGITS, NUMBER -> Optional.empty();
    };
  }

  /** The words the recognizer should expect for the slot (empty: free speech). */
  static List<String> expected(SlotType type) {
    return switch (type) {
      case YES_NO -> YES_NO_PHRASES;
      case DAY -> DAY_WORDS;
      case TEXT, DIGITS, NUMBER -> List.of();
    };
  }

  private static String word(YesNo answer) {
    return answer.name().toLowerCase(Locale.ROOT);
  }

  /** "Sunday", as a prompt says it. */
  private static String name(DayOfWeek day) {
    String lower = day.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
