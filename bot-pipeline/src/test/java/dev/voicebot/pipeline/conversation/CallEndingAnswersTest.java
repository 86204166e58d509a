package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.brain.Reply;
import dev.voicebot.pipeline.brain.ScriptedBrain;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.stt.Transcript;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers to "Do you want to end the call?" said by the caller voices, clean and noisy, decoded by
 * the real recognizer with the grammar the bot listens with then and read as the conversation
 * reads them ({@link ShortAnswers}, then the brain). Hanging up cannot be undone: a caller who
 * says no must never be hung up on, whatever the recognizer makes of it (heard openly, espeak's
 * "No, not yet." came back "oh yeah"; with the grammar but without "not yet" in it, as "yeah").
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CallEndingAnswersTest {

  private static final List<String> NOES = List.of("No.", "No, not yet.", "No thanks.", "Nope.", "Not yet.");
  private static final List<String> YESES = List.of("Yes.", "Yes please.", "Yeah.", "Okay, bye.", "Goodbye.");

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

  /** A brain that has just asked whether the caller wants to end the call. */
  private static ScriptedBrain brainAskingToEndTheCall() {
    var goodbye = new Intent("goodbye", List.of("goodbye", "bye", "that's all goodbye"), Optional.empty(),
        "Goodbye!", Optional.empty(), Intent.Then.HANGUP);
    var hours = new Intent("hours", List.of("what are your opening hours"), Optional.empty(), "Nine to five.",
        Optional.empty(), Intent.Then.CONTINUE);
    var dialplan = new Dialplan("shop", List.of(), "Hello.", "Sorry?", "Bye.", "Oops.", 3,
        new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Still there?", 2), List.of(goodbye, hours));
    var brain = new ScriptedBrain(dialplan);
    assertThat(brain.onUtterance("that's all").text()).isEqualTo(dialplan.endCall().question());
    return brain;
  }

  /** The brain's reply to {@code said}, heard as the bot hears it after asking. */
  private static Reply reply(String said, Voice voice, LineCondition line) {
    var brain = brainAskingToEndTheCall();
    short[] audio = corpus.say(voice, said, line).padded(200, 300, line).pcm16k();
    Transcript heard = RecognizedAnswer.heard(recognizer, brain.expectedPhrases(), audio);
    String text = ShortAnswers.heard(heard.text(), heard.alternatives(), brain::answersQuestion);
    return brain.onUtterance(text, heard.alternatives());
  }

  @Test
  void aCallerWhoSaysNoIsNeverHungUpOnAndMostYesesEndTheCall() {
    int noes = 0;
    int noesKept = 0;
    int yeses = 0;
    int yesesEnded = 0;
    List<String> hungUpOnNo = new ArrayList<>();
    for (Voice voice : Voice.callers()) {
      for (LineCondition line : List.of(LineCondition.CLEAN, LineCondition.NOISY)) {
        for (String no : NOES) {
          noes++;
          Reply reply = reply(no, voice, line);
          if (reply.after() == Reply.After.HANG_UP) {
            hungUpOnNo.add(voice.label() + (line == LineCondition.CLEAN ? " clean: " : " noisy: ") + no);
          } else if (reply.text().equals(Dialplan.EndCallCheck.DEFAULT.declined())) {
            noesKept++;
          }
        }
        for (String yes : YESES) {
          yeses++;
          if (reply(yes, voice, line).after() == Reply.After.HANG_UP) {
            yesesEnded++;
          }
        }
      }
    }
    System.out.printf("end-call question: %d of %d noes kept the call at once (the others were asked again),"
        + " %d of %d yeses ended it%n", noesKept, noes, yesesEnded, yeses);
    assertThat(hungUpOnNo).as("noes that hung up").isEmpty();
    assertThat(noesKept).as("noes understood").isGreaterThanOrEqualTo(noes * 3 / 4);
    assertThat(yesesEnded).as("yeses understood").isGreaterThanOrEqualTo(yeses * 3 / 4);
  }
}
