package dev.voicebot.pipeline.brain;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** The day a caller's words name ("on Sunday", "tomorrow"), as a day of the week. */
final class DayMention {

  private final Clock clock;

  /** @param clock today, for "today" and "tomorrow" (the bot's time zone) */
  DayMention(Clock clock) {
    this.clock = clock;
  }

  Optional<DayOfWeek> in(String text) {
    for (String token : TextNormalizer.tokens(text)) {
      switch (token) {
        case "today" -> {
          return Optional.of(LocalDate.now(clock).getDayOfWeek());
        }
        case "tomorrow" -> {
          return Optional.of(LocalDate.now(clock).plusDays(1).getDayOfWeek());
        }
        default -> {
          Optional<DayOfWeek> day = named(token);
          if (day.isPresent()) {
            return day;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** "sunday", and "sundays" as callers ask about weekly hours. */
  private static Optional<DayOfWeek> named(String token) {
    String word = token.endsWith("days") ? token.substring(0, token.length() - 1) : token;
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).equals(word)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }
}
