package dev.voicebot.pipeline.dialplan;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
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
 * @param lookup an HTTP lookup made once the digits are collected; its answer is what the bot says
 * @param byDay replies for a day the caller names ("are you open on Sunday"), by day; {@code
 *     reply} when they name none
 * @param action what the intent does besides its reply: {@link Action#REPEAT} says the bot's last
 *     reply again, {@link Action#START_OVER} forgets what the call collected
 */
public record Intent(
    String name,
    List<String> phrases,
    Optional<Character> dtmf,
    String reply,
    Optional<DigitCollection> collect,
    Then then,
    Optional<String> transferTo,
    Optional<Lookup> lookup,
    Map<DayOfWeek, String> byDay,
    Action action) {

  public Intent {
    Objects.requireNonNull(name, "name");
    phrases = List.copyOf(phrases);
    Objects.requireNonNull(dtmf, "dtmf");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(collect, "collect");
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(transferTo, "transferTo");
    Objects.requireNonNull(lookup, "lookup");
    byDay = Map.copyOf(byDay);
    Objects.requireNonNull(action, "action");
    if (lookup.isPresent() && collect.isEmpty()) {
      throw new IllegalArgumentException("intent " + name + ": a lookup needs a collect block to fill its slot");
    }
    if ((then == Then.TRANSFER) != transferTo.isPresent()) {
      throw new IllegalArgumentException("intent " + name + ": a transfer target goes with then=TRANSFER, and only with it");
    }
  }

  public Intent(String name, List<String> phrases, Optional<Character> dtmf, String reply,
      Optional<DigitCollection> collect, Then then, Optional<String> transferTo) {
    this(name, phrases, dtmf, reply, collect, then, transferTo, Optional.empty(), Map.of(), Action.SAY);
  }

  public Intent(String name, List<String> phrases, Optional<Character> dtmf, String reply,
      Optional<DigitCollection> collect, Then then) {
    this(name, phrases, dtmf, reply, collect, then, Optional.empty());
  }

  /** What an intent does besides saying its reply. */
  public enum Action {
    /** Nothing: the reply (or the collection) is all. */
    SAY,
    /** Say the bot's last reply again ("repeat that"); the intent's reply when there was none. */
    REPEAT,
    /** Forget the call's slots and anything half-collected, then say the reply ("start over"). */
    START_OVER
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
