package dev.voicebot.pipeline.dialplan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the caller may ask for.
 *
 * @param name identifier, unique within the dialplan
 * @param phrases example phrasings; matching is fuzzy, so a few varied ones are enough
 * @param dtmf the key that selects this intent from the menu, if any
 * @param reply what the bot says when the intent is recognized (may be empty when {@code collect} speaks)
 * @param collect digits to collect after the reply, if any
 * @param then what happens after the reply (and collection)
 * @param transferTo with {@link Then#TRANSFER}: the name of one of the dialplan's transfer targets
 */
public record Intent(
    String name,
    List<String> phrases,
    Optional<Character> dtmf,
    String reply,
    Optional<DigitCollection> collect,
    Then then,
    Optional<String> transferTo) {

  public Intent {
    Objects.requireNonNull(name, "name");
    phrases = List.copyOf(phrases);
    Objects.requireNonNull(dtmf, "dtmf");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(collect, "collect");
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(transferTo, "transferTo");
    if ((then == Then.TRANSFER) != transferTo.isPresent()) {
      throw new IllegalArgumentException("intent " + name + ": a transfer target goes with then=TRANSFER, and only with it");
    }
  }

  public Intent(String name, List<String> phrases, Optional<Character> dtmf, String reply,
      Optional<DigitCollection> collect, Then then) {
    this(name, phrases, dtmf, reply, collect, then, Optional.empty());
  }

  /** What the conversation does after an intent's reply has been spoken. */
  public enum Then {
    /** Keep listening for the next request. */
    CONTINUE,
    /** Hang up (after the reply has been heard). */
    HANGUP,
    /** Blind-transfer the caller to {@code transferTo} (after the reply has been heard). */
    TRANSFER
  }
}
