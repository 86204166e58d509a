package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.brain.DigitParser;
import dev.voicebot.pipeline.brain.ScriptedBrain;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.DigitCollection;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.stt.Transcript;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Short answers to a read-back ("Did you say 1, 2, 3, 4, 5?"), said by the caller voices on a clean
 * line and decoded by the real recognizer with the grammar the bot listens with then: the best
 * reading alone loses a good share of them, {@link ShortAnswers} hears them from the next reading,
 * and words that answer nothing ("hmm", "hang on") never become a yes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShortAnswersTest {

  private static final List<String> YES = List.of("Yes.", "Yeah.", "Correct.", "Right.");
  private static final List<String> NO = List.of("No.", "Nope.", "Wrong.");
  private static final List<String> NEITHER = List.of("Um.", "Hmm.", "Uh.", "Well.", "Hang on.", "Let me see.");
  /** What callers say at a read-back that answers nothing: none of it may become a digit. */
  private static final List<String> NOT_ANSWERS = List.of("Sorry?", "What?", "Thanks.", "Thank you.", "Pardon?",
      "Hello?", "Wait.", "What was that?");
  /** Yeses and noes said in words the first test leaves out. */
  private static final List<String> OTHER_YES = List.of("Okay.", "Sure.", "Yep.", "That's right.");
  private static final List<String> OTHER_NO = List.of("Nah.", "Incorrect.", "That's not right.");
  private static final List<String> ALL =
      java.util.stream.Stream.of(YES, NO, NEITHER).flatMap(List::stream).toList();
  /** Where the word starts against the recognizer's 10 ms frames: 0 or 10 ms of extra lead-in. */
  private static final int[] LEAD_MILLIS = {0, 10};
  /**
   * No checkpoint, or one 0, 40 or 80 ms after the word's last voiced frame: the turn detector's
   * pause starts as the VAD's speech probability falls, which can be before the word's tail.
   */
  private static final int[] CHECKPOINT_MILLIS = {-1, 0, 40, 80};

  private static VoskRecognizer recognizer;
  private static CallerCorpus corpus;

  @BeforeAll
  static void load() {
    recognizer = new VoskRecognizer(TestModels.voskModelDir());
    corpus = CallerCorpus.open();
  }

  @AfterAll
  static void close() {
    recognizer.close();
  }

  /** A brain that has just read back an order number and waits for yes or no. */
  private static ScriptedBrain brainAskingDidYouSay() {
    var collect = new DigitCollection("Please say your order number.", 5, '#', "Thanks.", "Please say the five digits.",
        "order", Optional.of("Did you say {order}?"), "Sorry. Please say it again.");
    var order = new Intent("order", List.of("where is my order"), Optional.of('2'), "", Optional.of(collect),
        Intent.Then.CONTINUE);
    var dialplan = new Dialplan("shop", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(order));
    var brain = new ScriptedBrain(dialplan);
    brain.onUtterance("where is my order");
    assertThat(brain.onUtterance("one two three four five").text()).isEqualTo("Did you say 1, 2, 3, 4, 5?");
    return brain;
  }

  private record Heard(String best, String answer, List<String> alternatives) {}

  /**
   * Decodes {@code said} after 200 ms of the line plus {@code leadMillis}; with {@code cutMillis}
   * of 0 or more, the recognizer is asked for a final that long after the last voiced frame, as the
   * conversation's checkpoint in a pause does, and the rest becomes a second final.
   */
  private static Heard decode(ScriptedBrain brain, String said, Voice voice, int leadMillis, int cutMillis) {
    var line = LineCondition.CLEAN;
    var speech = corpus.say(voice, said, line);
    int lead = 200 + leadMillis;
    short[] audio = speech.padded(lead, 200, line).pcm16k();
    int cut = cutMillis < 0 ? -1 : 2 * (8 * lead + speech.lastVoicedSample() + 8 * cutMillis);
    Transcript heard = RecognizedAnswer.heard(recognizer, brain.expectedPhrases(), audio, cut);
    return new Heard(heard.text(), ShortAnswers.heard(heard.text(), heard.alternatives(), brain::answersQuestion),
        heard.alternatives());
  }

  /** Whether the brain takes {@code text} as the answer {@code expected} (a yes, or a no). */
  private static boolean takenAs(String text, boolean expected) {
    return takenAs(text, List.of(), expected);
  }

  /** The same, with the recognizer's other readings, which may cast doubt on a yes. */
  private static boolean takenAs(String text, List<String> alternatives, boolean expected) {
    var brain = brainAskingDidYouSay();
    if (!brain.answersQuestion(text)) {
      return false;
    }
    String reply = brain.onUtterance(text, alternatives).text();
    if (reply.startsWith("Did you say")) {
      return false; // asked again: neither answer taken
    }
    return expected == !reply.startsWith("Sorry. Please say it again.");
  }

  @Test
  void aShortYesOrNoTheBestReadingMissesIsHeardFromTheNextAndNothingElseBecomesAYes() {
    var brain = brainAskingDidYouSay();
    int asked = 0;
    int bestRight = 0;
    int right = 0;
    int wrong = 0;
    int others = 0;
    int yesFromNothing = 0;
    int noFromNothing = 0;
    StringBuilder notes = new StringBuilder();
    for (Voice voice : Voice.callers()) {
      for (String said : ALL) {
        boolean yes = YES.contains(said);
        boolean answers = yes || NO.contains(said);
        for (int lead : LEAD_MILLIS) {
          for (int checkpoint : CHECKPOINT_MILLIS) {
            Heard heard = decode(brain, said, voice, lead, checkpoint);
            String where = String.format("%n  %s '%s' +%d ms, checkpoint %d ms: '%s'", voice, said, lead, checkpoint,
                heard.answer());
            if (!answers) {
              others++;
              if (!heard.answer().equals(heard.best())) {
                yesFromNothing += takenAs(heard.answer(), true) ? 1 : 0;
                noFromNothing += takenAs(heard.answer(), false) ? 1 : 0;
                notes.append(where).append(" (taken from the next reading)");
              }
              continue;
            }
            asked++;
            bestRight += takenAs(heard.best(), yes) ? 1 : 0;
            if (takenAs(heard.answer(), yes)) {
              right++;
            } else {
              wrong += brain.answersQuestion(heard.answer()) ? 1 : 0;
              notes.append(where).append(" (missed)");
            }
          }
        }
      }
    }
    String report = String.format("%d short answers: %d heard from the best reading, %d with the next; %d taken the"
        + " wrong way; of %d other words, %d made a yes, %d a no:%s", asked, bestRight, right, wrong, others,
        yesFromNothing, noFromNothing, notes);
    System.out.println(report);
    assertThat(right).as(report).isGreaterThan(bestRight).isGreaterThanOrEqualTo(asked * 9 / 10);
    assertThat(wrong).as(report).isZero();
    assertThat(yesFromNothing).as("other words taken as a yes (at most 1 in 100): " + report)
        .isLessThanOrEqualTo(others / 100);
  }

  @Test
  void wordsThatAnswerNothingAreNotHeardAsDigitsAndOtherYesesAndNoesAreHeard() {
    var brain = brainAskingDidYouSay();
    int notAnswers = 0;
    int readAsDigits = 0;
    int answers = 0;
    int right = 0;
    int noAsYes = 0;
    StringBuilder notes = new StringBuilder();
    for (Voice voice : Voice.callers()) {
      for (String said : NOT_ANSWERS) {
        Heard heard = decode(brain, said, voice, 0, -1);
        notAnswers++;
        if (!DigitParser.digits(heard.answer()).isEmpty()) {
          readAsDigits++;
          notes.append(String.format("%n  %s '%s': '%s' (digits)", voice, said, heard.answer()));
        }
      }
      for (String said : java.util.stream.Stream.concat(OTHER_YES.stream(), OTHER_NO.stream()).toList()) {
        Heard heard = decode(brain, said, voice, 0, -1);
        answers++;
        boolean yes = OTHER_YES.contains(said);
        if (takenAs(heard.answer(), heard.alternatives(), yes)) {
          right++;
        } else {
          boolean other = takenAs(heard.answer(), heard.alternatives(), !yes);
          noAsYes += other && !yes ? 1 : 0;
          notes.append(String.format("%n  %s '%s': '%s' %s (%s)", voice, said, heard.answer(), heard.alternatives(),
              other ? "the other answer" : "missed"));
        }
      }
    }
    String report = String.format("of %d words that answer nothing, %d read as digits; of %d other yeses and noes,"
        + " %d taken right, %d noes taken as a yes:%s", notAnswers, readAsDigits, answers, right, noAsYes, notes);
    System.out.println(report);
    // With six yes/no words and the digits as the grammar, about a quarter of these became digits.
    assertThat(readAsDigits).as(report).isLessThanOrEqualTo(notAnswers / 10);
    assertThat(right).as(report).isGreaterThanOrEqualTo(answers * 3 / 4);
    // A no taken as a yes uses a wrong number; a yes misread is only asked again.
    assertThat(noAsYes).as(report).isZero();
  }
}
