package dev.voicebot.pipeline.brain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A caller's answer to a yes/no question, from their words. */
enum YesNo {
  YES,
  NO;

  private static final Set<String> YES_WORDS = Set.of(
      "yes", "yeah", "yep", "yup", "correct", "right", "sure", "exactly", "affirmative", "ok", "okay", "true");
  /**
   * "yet" is here for "not yet", the commonest answer to "Do you want to end the call?" that the
   * recognizer shortens: with the end-call grammar it read "Not yet." as "yeah" best and "yet"
   * next, so a "yet" reading must be able to cast doubt on that yes.
   */
  private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "wrong", "incorrect", "not", "yet");
  /**
   * The answer words the recognizer listens for at a yes/no question: one it lacks is forced onto
   * another phrase ("okay" became "eight"). Not every word above, though: the short variants that
   * sound like a word of the other answer ("yup" beside "no") turned a "No." on a phone line into
   * "yup"; left out, they are heard as their neighbours ("yeah", "no"), which mean the same.
   */
  static final List<String> LISTENED_FOR =
      List.of("yes", "yeah", "correct", "right", "sure", "exactly", "okay", "no", "wrong", "incorrect", "not");

  /** Readings after the best one that may cast doubt on a yes. */
  static final int DOUBTING_READINGS = 2;

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

  /**
   * The answer in the best reading, unless it is a yes and one of the next {@value
   * #DOUBTING_READINGS} readings says no: then neither, and the caller is asked again. The
   * recognizer drops a "not" or an "in-" more often than it invents one, and taking a no for a
   * yes uses a wrong number. Measured on the caller corpus (5 voices, clean and noisy, the
   * read-back grammar): of 12 noes read best as a yes ("that is not correct" as "correct"), 6 had
   * a no next; of 91 yeses read right, 1 did.
   */
  static Optional<YesNo> of(String text, List<String> alternatives) {
    Optional<YesNo> answer = of(text);
    boolean doubted = answer.filter(a -> a == YES).isPresent() && alternatives.stream()
        .limit(DOUBTING_READINGS)
        .anyMatch(reading -> of(reading).filter(a -> a == NO).isPresent());
    return doubted ? Optional.empty() : answer;
  }
}
