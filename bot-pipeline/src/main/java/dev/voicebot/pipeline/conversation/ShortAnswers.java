package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.Backchannels;
import java.util.List;
import java.util.function.Predicate;

/**
 * Hears a short answer the recognizer read best as nothing. Vosk, listening for yes, no and
 * digits, often reads a short "no" or "yes" best as no words (most often when it gets little
 * audio before the word, or the word's tail is cut), with the word a close second; the VAD heard
 * speech, and a yes or no is what the bot asked for, so the first reading with words is taken
 * when it answers the question. Words outside the grammar ("hmm",
 * "well") come back as nothing with a digit or nothing at all next, which answers no yes/no
 * question ({@code ShortAnswersTest} measures both with the real recognizer).
 */
final class ShortAnswers {

  private ShortAnswers() {}

  /**
   * {@code text}, or, when it holds no words, the first of {@code alternatives} (most likely first)
   * that does if {@code answersQuestion} accepts it.
   */
  static String heard(String text, List<String> alternatives, Predicate<String> answersQuestion) {
    if (!Backchannels.isWordless(text)) {
      return text;
    }
    for (String reading : alternatives) {
      if (!Backchannels.isWordless(reading)) {
        return answersQuestion.test(reading) ? reading : text;
      }
    }
    return text;
  }
}
