package dev.voicebot.pipeline.brain;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A caller's answer to a yes/no question, from their words. */
enum YesNo {
  YES,
  NO;

  private static final List<String> YES_WORDS = List.of(
      "yes", "yeah", "yep", "yup", "correct", "right", "sure", "exactly", "affirmative", "ok", "okay", "true");
  private static final List<String> NO_WORDS = List.of("no", "nope", "nah", "wrong", "incorrect", "not");
  /** Every word that makes an answer, for the recognizer's grammar: one it lacks is heard as another. */
  static final List<String> WORDS = Stream.concat(YES_WORDS.stream(), NO_WORDS.stream()).toList();

  /** YES or NO from the words ("yes that's right", "no it isn't"); empty when they say neither. */
  static Optional<YesNo> of(String text) {
    List<String> tokens = TextNormalizer.tokens(text); // contractions expanded: "isn't" has its "not"
    boolean no = tokens.stream().anyMatch(NO_WORDS::contains);
    boolean yes = tokens.stream().anyMatch(YES_WORDS::contains);
    if (no) {
      return Optional.of(NO); // "no", "not right", "yes, no, wait": a doubt is a no, and they are asked again
    }
    return yes ? Optional.of(YES) : Optional.empty();
  }
}
