package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.tools.CallEffect;
import dev.voicebot.pipeline.turn.Completeness;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a {@link Dialplan}: intents by speech or DTMF key, digit collection, reprompts after
 * misunderstandings and prompts after silences, goodbye after too many of either.
 *
 * <p>Counting rules: a recognized intent or accepted digits reset the miss and silence counters;
 * anything the caller says or keys resets the silence counter (they were not silent); a digit
 * retry counts as a miss, so a caller who never gives digits is not asked forever.
 */
public final class ScriptedBrain implements Brain {

  private static final List<String> DIGIT_WORDS =
      List.of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
  private static final List<String> NOT_DONE_CUES = List.of("and", "um", "uh", "er", "but", "or");

  private final Dialplan dialplan;
  private final IntentMatcher matcher;
  private int misses;
  private int silences;
  private Collection collection;

  /** Digits being collected for an intent. */
  private record Collection(Intent intent, DigitCollection spec, String digits) {
    Collection append(String more) {
      return new Collection(intent, spec, digits + more);
    }
  }

  /** A brain matching the caller's words lexically only (no sentence encoder). */
  public ScriptedBrain(Dialplan dialplan) {
    this(dialplan, IntentMatchers.lexical().forDialplan(dialplan));
  }

  public ScriptedBrain(Dialplan dialplan, IntentMatcher matcher) {
    this.dialplan = dialplan;
    this.matcher = matcher;
  }

  @Override
  public Reply greeting() {
    return Reply.listen(dialplan.greeting());
  }

  @Override
  public Reply onUtterance(String text) {
    silences = 0;
    if (collection != null) {
      String digits = DigitParser.digits(text);
      if (!digits.isEmpty()) {
        return addDigits(digits);
      }
      // A caller who gives up on the digits and asks for something else is understood.
      Optional<IntentMatch> escape = matcher.match(text).filter(IntentMatch::confident);
      if (escape.isPresent()) {
        collection = null;
        return recognized(escape.get().intent());
      }
      return miss(collection.spec().retry());
    }
    return matcher.match(text).map(match -> recognized(match.intent())).orElseGet(() -> miss(dialplan.reprompt()));
  }

  @Override
  public Reply onNotUnderstood() {
    silences = 0;
    return miss(collection != null ? collection.spec().retry() : dialplan.reprompt());
  }

  @Override
  public Reply onDtmf(char digit) {
    silences = 0;
    if (collection != null) {
      if (digit == collection.spec().terminator()) {
        return collection.digits().isEmpty() ? miss(collection.spec().retry()) : confirm();
      }
      return Character.isDigit(digit) ? addDigits(String.valueOf(digit)) : Reply.silence();
    }
    return dialplan.intents().stream()
        .filter(intent -> intent.dtmf().filter(key -> key == digit).isPresent())
        .findFirst()
        .map(this::recognized)
        .orElseGet(() -> miss(dialplan.reprompt()));
  }

  @Override
  public Reply onSilence() {
    if (holdsPartialDigits()) {
      // The caller stopped partway (or a digit was not heard): ask for the whole number again.
      collection = new Collection(collection.intent(), collection.spec(), "");
      return miss(collection.spec().retry());
    }
    silences++;
    if (silences > dialplan.silence().maxPrompts()) {
      return Reply.hangUp(dialplan.goodbye());
    }
    return Reply.listen(dialplan.silence().prompt());
  }

  @Override
  public Reply onCallTimeLimit() {
    collection = null;
    return Reply.hangUp(dialplan.goodbye());
  }

  @Override
  public String apology() {
    return dialplan.apology();
  }

  @Override
  public Completeness assess(String partialText) {
    if (collection != null) {
      int have = collection.digits().length() + DigitParser.digits(partialText).length();
      if (have >= collection.spec().count()) {
        return Completeness.COMPLETE;
      }
      if (have == 0 && matcher.match(partialText).filter(IntentMatch::confident).isPresent()) {
        return Completeness.COMPLETE; // the caller asks for something else instead
      }
      // Digits still to come, or none yet ("uh, let me see"): the long digit endpoint either way.
      return Completeness.INCOMPLETE;
    }
    List<String> tokens = TextNormalizer.tokens(partialText);
    if (!tokens.isEmpty() && NOT_DONE_CUES.contains(tokens.getLast())) {
      return Completeness.INCOMPLETE;
    }
    return matcher.match(partialText).filter(IntentMatch::confident).isPresent()
        ? Completeness.COMPLETE
        : Completeness.UNKNOWN;
  }

  @Override
  public List<String> expectedPhrases() {
    return collection != null ? DIGIT_WORDS : List.of();
  }

  @Override
  public boolean collectingDigits() {
    return collection != null;
  }

  @Override
  public boolean holdsPartialDigits() {
    return collection != null && !collection.digits().isEmpty();
  }

  private Reply recognized(Intent intent) {
    misses = 0;
    silences = 0;
    Reply.After after = intent.then() == Intent.Then.HANGUP ? Reply.After.HANG_UP : Reply.After.LISTEN;
    if (intent.collect().isPresent()) {
      DigitCollection spec = intent.collect().get();
      collection = new Collection(intent, spec, "");
      return Reply.listen(joinSentences(intent.reply(), spec.prompt())).withIntent(intent.name());
    }
    if (intent.then() == Intent.Then.TRANSFER) {
      String target = intent.transferTo().orElseThrow();
      String uri = dialplan.transferTargets().get(target);
      if (uri == null) {
        // The loader refuses such dialplans; a hand-built one still must not dial anything.
        return new Reply(intent.reply(), Reply.After.LISTEN, Optional.of(intent.name()));
      }
      return new Reply(intent.reply(), Reply.After.LISTEN, Optional.of(intent.name()),
          List.of(new CallEffect.Transfer(target, uri)));
    }
    return new Reply(intent.reply(), after, Optional.of(intent.name()));
  }

  private Reply addDigits(String digits) {
    collection = collection.append(digits);
    misses = 0;
    return collection.digits().length() >= collection.spec().count() ? confirm() : Reply.silence();
  }

  private Reply confirm() {
    Collection done = collection;
    collection = null;
    String digits = done.digits().substring(0, Math.min(done.digits().length(), done.spec().count()));
    // Separated by commas so the synthesizer reads "1, 2, 3" digit by digit, not "one hundred twenty-three".
    String spoken = digits.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
    String text = done.spec().confirmation().replace("{digits}", spoken);
    Reply.After after = done.intent().then() == Intent.Then.HANGUP ? Reply.After.HANG_UP : Reply.After.LISTEN;
    return new Reply(text, after, Optional.of(done.intent().name()));
  }

  private Reply miss(String reprompt) {
    misses++;
    if (misses >= dialplan.maxMisses()) {
      collection = null;
      return Reply.hangUp(dialplan.goodbye());
    }
    return Reply.listen(reprompt);
  }

  private static String joinSentences(String first, String second) {
    if (first.isBlank()) {
      return second;
    }
    String head = first.strip();
    boolean ended = head.endsWith(".") || head.endsWith("!") || head.endsWith("?");
    return head + (ended ? " " : ". ") + second.strip();
  }

  @Override
  public String toString() {
    return "ScriptedBrain[" + dialplan.name().toLowerCase(Locale.ROOT) + "]";
  }
}
