package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * "Do you want to end the call?": whether a call-ending match is clear enough to hang up on, and
 * what the caller's answer to the question means. Hanging up cannot be undone, so words that only
 * come near a {@code then: hangup} intent are asked about first. Owned by one brain; not
 * thread-safe.
 */
final class CallEndingQuestion {

  /**
   * Below this (and not confident), a call-ending intent is asked about before the bot hangs up.
   * Measured with the demo dialplan and the sentence encoder: goodbyes in callers' own words scored
   * 0.83-1.0 but for one at 0.65; misheard requests that came closest to goodbye scored 0.61-0.69
   * ("meet somebody to leave", "leave a message"), as did "thanks" and "all right".
   */
  static final double CLEAR_CALL_ENDING = 0.8;

  /**
   * How the answer is heard. Openly, short answers go astray: espeak's "No, not yet." came back
   * "oh yeah" and the bot hung up. With the yes/no grammar a request said instead is heard as its
   * nearest yes, no or non-answer: a no or an unclear answer keeps the call, and the caller asks
   * again.
   */
  static final List<String> EXPECTED_PHRASES = Stream.concat(SlotAnswers.YES_NO_PHRASES.stream(),
      Stream.of("bye", "goodbye", "not yet", "no not yet", "no thanks", "no thank you", "yes please", "okay bye"))
      .toList();

  /** What the caller's answer means. */
  sealed interface Answer {
    /** End the call as {@code ending} says (the intent asked about, or a goodbye said clearly). */
    record EndCall(Intent ending) implements Answer {}

    /** Keep the call. */
    record KeepCall() implements Answer {}

    /** Another request instead of an answer: answer that. */
    record OtherRequest() implements Answer {}

    /** Unclear: ask the question again. */
    record AskAgain() implements Answer {}

    /** Unclear a second time: the question is dropped and the caller reprompted. */
    record GiveUp() implements Answer {}
  }

  private final IntentMatcher matcher;
  /** The call-ending intent the caller was asked about, until they answer; null when not asked. */
  private Intent asked;
  /** Whether an unclear answer already had the question asked again (meaningful while asked). */
  private boolean askedAgain;

  CallEndingQuestion(IntentMatcher matcher) {
    this.matcher = matcher;
  }

  /**
   * Whether {@code match} would end the call without being clear about it; if so the question is
   * now open and the caller must be asked.
   */
  boolean askInsteadOf(IntentMatch match) {
    boolean unclear = match.intent().then() == Intent.Then.HANGUP && !match.confident()
        && match.score() < CLEAR_CALL_ENDING;
    if (unclear) {
      asked = match.intent();
      askedAgain = false;
    }
    return unclear;
  }

  /** Whether the question waits for its answer. */
  boolean open() {
    return asked != null;
  }

  /** Drops the question (silence, a key, a reprompt: no answer is a reason to hang up). */
  void drop() {
    asked = null;
  }

  /** Whether the words so far answer it (the turn may end on the short endpoint). */
  boolean answeredBy(String partialText) {
    return asked != null && YesNo.of(partialText).isPresent();
  }

  /**
   * The meaning of the caller's words while the question is open: yes ends the call, no keeps it,
   * another request (even after a "no") is answered and a clear goodbye ends the call. Anything
   * else is asked about once more, then given up: a short answer misheard ("No." heard as "bill")
   * must not be acted on as a weak match to some request (a transfer), nor hang up.
   */
  Answer answer(String text, List<String> alternatives) {
    Intent ending = asked;
    Optional<IntentMatch> match = matcher.match(text);
    Optional<IntentMatch> other = match.filter(m -> m.intent().then() != Intent.Then.HANGUP);
    Optional<YesNo> yesNo = other.isPresent() ? Optional.empty() : YesNo.of(text, alternatives);
    if (yesNo.isPresent()) {
      asked = null;
      return yesNo.get() == YesNo.YES ? new Answer.EndCall(ending) : new Answer.KeepCall();
    }
    if (match.filter(m -> m.confident() && m.intent().then() == Intent.Then.HANGUP).isPresent()) {
      asked = null;
      return new Answer.EndCall(match.get().intent());
    }
    // A request in a sentence counts, a lone word only if it is clear ("hours", not "bill").
    if (other.filter(m -> m.confident() || TextNormalizer.tokens(text).size() >= IntentMatcher.MIN_CONFIDENT_WORDS)
        .isPresent()) {
      asked = null;
      return new Answer.OtherRequest();
    }
    if (!askedAgain) {
      askedAgain = true;
      return new Answer.AskAgain();
    }
    asked = null;
    return new Answer.GiveUp();
  }
}
