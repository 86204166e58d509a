package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.dialplan.SlotType;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.tools.CallEffect;
import dev.voicebot.pipeline.turn.Completeness;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
  private final Variables variables = new Variables();
  private final LookupStep lookups;
  private final DayMention days;
  private final SlotAnswers slotAnswers;
  /** The bot's last complete reply, for "repeat that". */
  private String lastSaid = "";
  private int misses;
  private int silences;
  private Collection collection;
  /** Digits read back as a yes/no question, until the caller answers it. */
  private Collection confirming;
  private final CallEndingQuestion ending;

  /**
   * Digits being collected for an intent.
   *
   * @param spoken whether any of them was spoken (rather than keyed), so recognition may have misheard
   */
  private record Collection(Intent intent, DigitCollection spec, String digits, boolean spoken) {
    Collection append(String more, boolean bySpeech) {
      return new Collection(intent, spec, digits + more, spoken || bySpeech);
    }

    Collection restarted() {
      return new Collection(intent, spec, "", false);
    }
  }

  /** A brain matching the caller's words lexically only (no sentence encoder). */
  public ScriptedBrain(Dialplan dialplan) {
    this(dialplan, IntentMatchers.lexical().forDialplan(dialplan));
  }

  /** A brain whose lookups all fail (their fallbacks are said). */
  public ScriptedBrain(Dialplan dialplan, IntentMatcher matcher) {
    this(dialplan, matcher, LookupClient.unavailable(), answer -> {});
  }

  /**
   * @param lookups makes the dialplan's HTTP lookups
   * @param lookupAnswers where their answers go, from any thread: the conversation posts them to
   *     itself and hands them back through {@link #onLookupAnswer}
   */
  public ScriptedBrain(Dialplan dialplan, IntentMatcher matcher, LookupClient lookups,
      Consumer<LookupAnswer> lookupAnswers) {
    this(dialplan, matcher, lookups, lookupAnswers, Clock.systemDefaultZone());
  }

  /** @param clock what "today" and "tomorrow" mean in the caller's words */
  public ScriptedBrain(Dialplan dialplan, IntentMatcher matcher, LookupClient lookups,
      Consumer<LookupAnswer> lookupAnswers, Clock clock) {
    this.dialplan = dialplan;
    this.matcher = matcher;
    this.lookups = new LookupStep(lookups, lookupAnswers);
    this.days = new DayMention(clock);
    this.slotAnswers = new SlotAnswers(days);
    this.ending = new CallEndingQuestion(matcher);
  }

  @Override
  public Reply greeting() {
    return remember(Reply.listen(dialplan.greeting()));
  }

  @Override
  public Reply onUtterance(String text) {
    return remember(answer(text, List.of()));
  }

  @Override
  public Reply onUtterance(String text, List<String> alternatives) {
    return remember(answer(text, alternatives));
  }

  private Reply answer(String text, List<String> alternatives) {
    silences = 0;
    lookups.abandon(); // the caller talked over the wait: their words are answered instead
    if (ending.open()) {
      return switch (ending.answer(text, alternatives)) {
        case CallEndingQuestion.Answer.EndCall yes -> recognized(yes.ending(), text);
        case CallEndingQuestion.Answer.KeepCall no -> {
          misses = 0;
          yield Reply.listen(dialplan.endCall().declined());
        }
        case CallEndingQuestion.Answer.OtherRequest request -> answer(text, alternatives);
        case CallEndingQuestion.Answer.AskAgain again -> miss(dialplan.endCall().question());
        case CallEndingQuestion.Answer.GiveUp unclear -> miss(dialplan.reprompt());
      };
    }
    if (confirming != null) {
      return onConfirmationAnswer(text, alternatives);
    }
    if (collection != null) {
      boolean digitSlot = collection.spec().type().digits();
      if (!digitSlot) {
        Optional<String> value = slotAnswers.fromWords(collection.spec().type(), text, alternatives);
        if (value.isPresent()) {
          return fill(value.get());
        }
      }
      String digits = digitSlot ? DigitParser.digits(text) : "";
      if (!digits.isEmpty()) {
        return addDigits(digits, true);
      }
      // A caller who gives up on the digits and asks for something else is understood.
      Optional<IntentMatch> escape = matcher.match(text).filter(IntentMatch::confident);
      if (escape.isPresent()) {
        collection = null;
        return recognized(escape.get().intent(), text);
      }
      return miss(collection.spec().retry());
    }
    var readings = new ArrayList<String>(alternatives.size() + 1);
    readings.add(text);
    readings.addAll(alternatives);
    Optional<IntentMatch> match = matcher.match(readings);
    if (match.isEmpty()) {
      return miss(dialplan.reprompt());
    }
    if (ending.askInsteadOf(match.get())) {
      return Reply.listen(dialplan.endCall().question());
    }
    return recognized(match.get().intent(), text);
  }

  @Override
  public Reply onNotUnderstood() {
    return remember(notUnderstood());
  }

  private Reply notUnderstood() {
    silences = 0;
    lookups.abandon();
    ending.drop();
    if (confirming != null) {
      return miss(confirmQuestion(confirming));
    }
    return miss(collection != null ? collection.spec().retry() : dialplan.reprompt());
  }

  @Override
  public Reply onDtmf(char digit) {
    return remember(key(digit));
  }

  private Reply key(char digit) {
    silences = 0;
    lookups.abandon();
    ending.drop();
    if (confirming != null) {
      // Keys are exact: a caller who keys the number instead of answering enters it anew.
      collection = confirming.restarted();
      confirming = null;
    }
    if (collection != null && !collection.spec().type().digits()) {
      return slotAnswers.fromKey(collection.spec().type(), digit).map(this::fill)
          .orElseGet(() -> miss(collection.spec().retry()));
    }
    if (collection != null) {
      if (digit == collection.spec().terminator()) {
        return collection.digits().isEmpty() ? miss(collection.spec().retry()) : complete();
      }
      return Character.isDigit(digit) ? addDigits(String.valueOf(digit), false) : Reply.silence();
    }
    return dialplan.intents().stream()
        .filter(intent -> intent.dtmf().filter(key -> key == digit).isPresent())
        .findFirst()
        .map(intent -> recognized(intent, ""))
        .orElseGet(() -> miss(dialplan.reprompt()));
  }

  @Override
  public Reply onSilence() {
    return remember(silence());
  }

  private Reply silence() {
    ending.drop(); // no answer is no reason to hang up: the usual silence prompts decide
    if (holdsPartialDigits()) {
      // The caller stopped partway (or a digit was not heard): ask for the whole number again.
      collection = collection.restarted();
      return miss(collection.spec().retry());
    }
    if (confirming != null) {
      return miss(confirmQuestion(confirming)); // asked again, and counted: a caller who never answers is not asked forever
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
    confirming = null;
    ending.drop();
    lookups.abandon();
    return Reply.hangUp(dialplan.goodbye());
  }

  @Override
  public String apology() {
    return dialplan.apology();
  }

  @Override
  public Completeness assess(String partialText) {
    if (confirming != null) {
      int digits = DigitParser.digits(partialText).length();
      if (digits >= confirming.spec().count()) {
        return Completeness.COMPLETE;
      }
      if (digits > 0) {
        // The number said again, partway ("no, five zero..."): the digit endpoint, or a pause
        // between digits ends the turn and splits the number into separate entries.
        return Completeness.INCOMPLETE;
      }
      return YesNo.of(partialText).isPresent() ? Completeness.COMPLETE : Completeness.UNKNOWN;
    }
    if (collection != null && !collection.spec().type().digits()) {
      boolean answered = slotAnswers.fromWords(collection.spec().type(), partialText).isPresent();
      // Free text ends where the caller stops; a yes or a day is all there is to say.
      return answered && collection.spec().type() != SlotType.TEXT ? Completeness.COMPLETE : Completeness.UNKNOWN;
    }
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
    if (ending.answeredBy(partialText)) {
      return Completeness.COMPLETE;
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
  public Optional<Reply> onLookupAnswer(LookupAnswer answer) {
    return lookups.answered(answer, variables).map(this::remember);
  }

  @Override
  public Optional<Reply> onFillerDue() {
    return lookups.fillerDue();
  }

  @Override
  public List<String> expectedPhrases() {
    if (ending.open()) {
      return CallEndingQuestion.EXPECTED_PHRASES;
    }
    if (confirming != null) {
      // Yes or no, or the number said again.
      return Stream.concat(SlotAnswers.YES_NO_PHRASES.stream(), DIGIT_WORDS.stream()).toList();
    }
    if (collection == null) {
      return List.of();
    }
    DigitCollection spec = collection.spec();
    List<String> own = spec.type().digits() ? DIGIT_WORDS : SlotAnswers.expected(spec.type());
    return java.util.stream.Stream.concat(own.stream(), spec.hints().stream()).toList();
  }

  @Override
  public boolean answersQuestion(String text) {
    boolean yesNoAsked = confirming != null || ending.open()
        || (collection != null && collection.spec().type() == SlotType.YES_NO);
    return yesNoAsked && YesNo.of(text).isPresent();
  }

  @Override
  public boolean collectingDigits() {
    return collection != null && collection.spec().type().digits();
  }

  @Override
  public boolean holdsPartialDigits() {
    return collection != null && !collection.digits().isEmpty();
  }

  /** @param text the caller's words (empty for a key), which may name a day the intent answers for */
  private Reply recognized(Intent intent, String text) {
    misses = 0;
    silences = 0;
    switch (intent.action()) {
      case REPEAT -> {
        return Reply.listen(lastSaid.isEmpty() ? intent.reply() : lastSaid).withIntent(intent.name());
      }
      case START_OVER -> {
        variables.clear();
        collection = null;
        confirming = null;
        lookups.abandon();
      }
      case SAY -> { }
    }
    String reply = days.in(text).map(intent.byDay()::get).orElse(intent.reply());
    Reply.After after = intent.then() == Intent.Then.HANGUP ? Reply.After.HANG_UP : Reply.After.LISTEN;
    if (intent.collect().isPresent()) {
      DigitCollection spec = intent.collect().get();
      collection = new Collection(intent, spec, "", false);
      return Reply.listen(joinSentences(reply, spec.prompt())).withIntent(intent.name());
    }
    if (intent.then() == Intent.Then.TRANSFER) {
      String target = intent.transferTo().orElseThrow();
      String uri = dialplan.transferTargets().get(target);
      if (uri == null) {
        // The loader refuses such dialplans; a hand-built one still must not dial anything.
        return new Reply(reply, Reply.After.LISTEN, Optional.of(intent.name()));
      }
      return new Reply(reply, Reply.After.LISTEN, Optional.of(intent.name()),
          List.of(new CallEffect.Transfer(target, uri)));
    }
    return new Reply(reply, after, Optional.of(intent.name()));
  }

  private Reply addDigits(String digits, boolean spoken) {
    collection = collection.append(digits, spoken);
    misses = 0;
    // A number said in words is all there in one utterance; keyed, it runs to the terminator.
    boolean whole = spoken && collection.spec().type() == SlotType.NUMBER;
    return whole || collection.digits().length() >= collection.spec().count() ? complete() : Reply.silence();
  }

  /** The digits are in: asked back as a question when they were spoken and the dialplan wants it, else used. */
  private Reply complete() {
    Collection done = collection;
    collection = null;
    String digits = done.digits().substring(0, Math.min(done.digits().length(), done.spec().count()));
    Collection taken = new Collection(done.intent(), done.spec(), digits, done.spoken());
    if (done.spec().confirm().isPresent() && done.spoken()) {
      confirming = taken;
      return Reply.listen(confirmQuestion(taken)).withIntent(done.intent().name());
    }
    return use(taken);
  }

  private String confirmQuestion(Collection digits) {
    variables.putDigits(digits.spec().slot(), digits.digits());
    return variables.render(digits.spec().confirm().orElseThrow());
  }

  /** The caller's answer to "Did you say ...?": yes uses the digits, no (or other digits) asks again. */
  private Reply onConfirmationAnswer(String text, List<String> alternatives) {
    Collection asked = confirming;
    Optional<YesNo> answer = YesNo.of(text, alternatives);
    String digits = DigitParser.digits(text);
    if (!digits.isEmpty() && answer.filter(a -> a == YesNo.YES).isEmpty()) {
      confirming = null; // "no, one two three four six": the number said again is taken as a new entry
      collection = asked.restarted();
      return addDigits(digits, true);
    }
    if (answer.isPresent()) {
      confirming = null;
      misses = 0;
      if (answer.get() == YesNo.YES) {
        return use(asked);
      }
      collection = asked.restarted();
      return Reply.listen(asked.spec().refused()).withIntent(asked.intent().name());
    }
    Optional<IntentMatch> escape = matcher.match(text).filter(IntentMatch::confident);
    if (escape.isPresent()) {
      confirming = null;
      return recognized(escape.get().intent(), text);
    }
    return miss(confirmQuestion(asked));
  }

  /** Digits the caller stands by: into their slot, then on. */
  private Reply use(Collection done) {
    variables.putDigits(done.spec().slot(), done.digits());
    variables.putDigits(DigitCollection.DEFAULT_SLOT, done.digits());
    return filled(done.intent(), done.spec());
  }

  /** A slot that is not digits answered: into its variable, then on. */
  private Reply fill(String value) {
    Collection done = collection;
    collection = null;
    misses = 0;
    variables.put(done.spec().slot(), value);
    return filled(done.intent(), done.spec());
  }

  /** The slot is filled: the intent's lookup, or its confirmation. */
  private Reply filled(Intent intent, DigitCollection spec) {
    if (intent.lookup().isPresent()) {
      return lookups.start(intent, intent.lookup().get(), variables);
    }
    String text = variables.render(spec.confirmation());
    Reply.After after = intent.then() == Intent.Then.HANGUP ? Reply.After.HANG_UP : Reply.After.LISTEN;
    return new Reply(text, after, Optional.of(intent.name()));
  }

  /** Keeps a complete reply for "repeat that" (not the filler of a wait, nor silence). */
  private Reply remember(Reply reply) {
    if (!reply.isSilent() && !reply.isAwaiting()) {
      lastSaid = reply.text();
    }
    return reply;
  }

  private Reply miss(String reprompt) {
    misses++;
    if (misses >= dialplan.maxMisses()) {
      collection = null;
      confirming = null;
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
