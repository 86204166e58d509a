package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.turn.Completeness;
import java.util.List;
import java.util.Optional;

/**
 * The dialogue logic of one call: given what the caller did, what the bot says and does next.
 * Called only from the conversation's own thread; implementations keep per-call state (counters,
 * digits collected) and must return quickly (scripted: microseconds).
 */
public interface Brain {

  /** Spoken when the call is answered. */
  Reply greeting();

  /** The caller finished an utterance with this (non-empty) final transcript. */
  Reply onUtterance(String text);

  /**
   * The caller finished an utterance: the recognizer's best reading, and its other readings of the
   * same audio, most likely first (empty when it gave none). A brain that can use them looks past
   * the best reading when that one means nothing.
   */
  default Reply onUtterance(String text, List<String> alternatives) {
    return onUtterance(text);
  }

  /** The caller said something that could not be recognized (the recognizer failed). */
  Reply onNotUnderstood();

  /** The caller pressed a key. */
  Reply onDtmf(char digit);

  /** The caller stayed silent for the silence timeout after the bot finished speaking. */
  Reply onSilence();

  /** The call reached its maximum duration. */
  Reply onCallTimeLimit();

  /** Said instead of dead air when producing a reply failed. */
  String apology();

  /** How complete the caller's words so far are as an answer; shortens or lengthens the endpoint wait. */
  Completeness assess(String partialText);

  /** Phrases the recognizer should expect in the current state (empty: free speech). */
  List<String> expectedPhrases();

  /** Whether the brain is waiting for digits (spoken or keyed). */
  boolean collectingDigits();

  /**
   * The answer of a lookup the brain started (it posts them itself, from any thread, through the
   * sink it was built with; the conversation hands them back on its own thread). Empty when the
   * answer no longer matters (the caller moved on); else the rest of the reply it was awaiting.
   */
  default Optional<Reply> onLookupAnswer(LookupAnswer answer) {
    return Optional.empty();
  }

  /** A reply's {@link Reply#awaiting} time passed without an answer: the filler to say, if still waiting. */
  default Optional<Reply> onFillerDue() {
    return Optional.empty();
  }

  /**
   * Whether these words answer the question the bot asked ("yeah" to "Did you say ...?"), so that
   * said over the bot they are not a backchannel to talk on through.
   */
  default boolean answersQuestion(String text) {
    return false;
  }

  /** Whether some, not all, of the digits asked for have been given. */
  default boolean holdsPartialDigits() {
    return false;
  }
}
