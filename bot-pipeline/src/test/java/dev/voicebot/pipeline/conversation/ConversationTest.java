package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.brain.SampleDialplan.AGENT_REPLY;
import static dev.voicebot.pipeline.brain.SampleDialplan.APOLOGY;
import static dev.voicebot.pipeline.brain.SampleDialplan.GOODBYE;
import static dev.voicebot.pipeline.brain.SampleDialplan.GREETING;
import static dev.voicebot.pipeline.brain.SampleDialplan.HOURS_REPLY;
import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_PROMPT;
import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_REFUSED;
import static dev.voicebot.pipeline.brain.SampleDialplan.ORDER_RETRY;
import static dev.voicebot.pipeline.brain.SampleDialplan.REPROMPT;
import static dev.voicebot.pipeline.brain.SampleDialplan.SILENCE_PROMPT;
import static dev.voicebot.pipeline.conversation.TestCall.eventually;
import static dev.voicebot.pipeline.conversation.TestCall.pause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.brain.SampleDialplan;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.testing.RecordingCall;
import dev.voicebot.pipeline.testing.RecordingCall.Cleared;
import dev.voicebot.pipeline.testing.RecordingCall.HungUp;
import dev.voicebot.pipeline.testing.RecordingCall.Line;
import dev.voicebot.pipeline.testing.RecordingCall.Played;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConversationTest {

  @Test
  void greetsTheCallerOnStartAndThenListens() {
    try (TestCall test = new TestCall().started()) {
      test.awaitSaid(GREETING);
      assertThat(test.call.played()).containsExactly("Hello, this is the shop.", "How can I help?");
      assertThat(test.call.states).startsWith("GREETING");
      test.drained();
      test.awaitState("LISTENING");
    }
  }

  @Test
  void answersAQuestionAboutOpeningHours() {
    try (TestCall test = new TestCall().greeted()) {
      test.says("what are you opening ours");
      test.awaitPlayedContaining("nine");
      test.conversation.onPlayoutStarted(); // a turn is reported once its reply's first packet is sent
      assertThat(test.call.transcript)
          .contains(new Line(Speaker.CALLER, "what are you opening ours"), new Line(Speaker.BOT, HOURS_REPLY));
      eventually("turn reported", () -> test.call.turns.stream().anyMatch(t -> t.intent().equals("hours")));
      TurnTimings turn = test.call.turns.stream().filter(t -> t.intent().equals("hours")).findFirst().orElseThrow();
      assertThat(turn.callerText()).isEqualTo("what are you opening ours");
      assertThat(turn.replyText()).isEqualTo(HOURS_REPLY);
      assertThat(turn.callerSpeechEndNanos()).isLessThanOrEqualTo(turn.endpointNanos());
      assertThat(turn.endpointNanos()).isLessThanOrEqualTo(turn.sttFinalNanos());
      assertThat(turn.sttFinalNanos()).isLessThanOrEqualTo(turn.replyNanos());
      assertThat(turn.replyNanos()).isLessThanOrEqualTo(turn.ttsFirstAudioNanos());
      assertThat(turn.ttsFirstAudioNanos()).isLessThanOrEqualTo(turn.firstAudioQueuedNanos());
      assertThat(turn.responseDelay()).isPresent();
    }
  }

  @Test
  void wordsWhoseBestReadingMeansNothingAreAnsweredFromTheRecognizersOtherReadings() {
    try (TestCall test = new TestCall().greeted()) {
      // A best reading that ends as a sentence would: one ending on "and" waits for more words.
      test.stt.otherReadings.put("doctor literally",
          List.of("what are you opening ours", "dock to literally", "what are your opening our's"));
      test.says("doctor literally");
      test.awaitPlayedContaining("nine");
      assertThat(test.call.transcript).as("the record keeps what was heard best")
          .contains(new Line(Speaker.CALLER, "doctor literally"), new Line(Speaker.BOT, HOURS_REPLY));
    }
  }

  @Test
  void aShortNoTheRecognizerReadBestAsNothingRefusesTheReadBack() {
    try (TestCall test = new TestCall(SampleDialplan.withReadBack()).greeted()) {
      asksForTheOrderAndHearsItReadBack(test);
      test.stt.otherReadings.put("[unk]", List.of("no", "oh"));
      test.says("[unk]");
      test.awaitSaid(ORDER_REFUSED);
      assertThat(test.call.transcript).contains(new Line(Speaker.CALLER, "no"));
    }
  }

  @Test
  void aNumberSaidAgainAtTheReadBackIsDecodedInOneRunAndReadBackAnew() {
    try (TestCall test = new TestCall(SampleDialplan.withReadBack()).greeted()) {
      asksForTheOrderAndHearsItReadBack(test);
      int finalsBefore = test.stt.finishes.get();
      saysNineEightSevenSixFiveWithPauses(test);
      test.awaitSaid("Did you say 9, 8, 7, 6, 5?");
      assertThat(test.stt.finishes.get() - finalsBefore).as("finals asked of the recognizer").isEqualTo(1);
    }
  }

  @Test
  void wordsReadBestAsNothingWhoseNextReadingAnswersNoQuestionAreNotTakenAsAnAnswer() {
    try (TestCall test = new TestCall(SampleDialplan.withReadBack()).greeted()) {
      test.stt.otherReadings.put("[unk]", List.of("no"));
      test.says("[unk]"); // nothing was asked: a "no" would mean nothing, and noise is not answered
      asksForTheOrderAndHearsItReadBack(test);
      test.stt.otherReadings.put("[unk]", List.of("eight")); // "hmm", read as a digit second
      test.says("[unk]");
      test.says("yes");
      test.awaitPlayedContaining("Order 9, 8, 7, 6, 4 is on its way.");
      assertThat(test.call.played()).noneMatch(text -> text.contains(REPROMPT) || text.contains(ORDER_REFUSED));
    }
  }

  /**
   * The caller says 9 8 7 6 5 a digit at a time, pausing longer than a checkpoint's pause (120 ms)
   * and shorter than the endpoint (200 ms), then stops.
   */
  private static void saysNineEightSevenSixFiveWithPauses(TestCall test) {
    for (String digit : List.of("nine", "eight", "seven", "six")) {
      test.speaks(digit, 200);
      test.silence(160);
    }
    test.speaks("five", 200);
    test.silenceInRealTime(400);
  }

  /** The caller asks for their order and says 9 8 7 6 4; the bot reads it back and waits for a yes or no. */
  private static void asksForTheOrderAndHearsItReadBack(TestCall test) {
    test.says("where is my order");
    test.awaitSaid(ORDER_PROMPT);
    test.drained();
    test.says("nine eight seven six four");
    test.awaitSaid("Did you say 9, 8, 7, 6, 4?");
    test.drained();
  }

  @Test
  void bargeInClearsPlayoutOnTheFrameThatConfirmsTheOnsetAndAnswersTheCaller() {
    try (TestCall test = new TestCall().started()) {
      test.awaitSaid(GREETING); // still playing: no drain yet
      test.says("when are you open");
      test.awaitPlayedContaining("nine");
      Cleared cleared = (Cleared) test.call.actions.stream().filter(Cleared.class::isInstance).findFirst().orElseThrow();
      // 60 ms minimum speech = the 3rd voiced frame confirms the onset.
      assertThat(cleared.atVadFrame()).isBetween(3, 4);
      assertThat(test.call.actions.indexOf(cleared)).isLessThan(test.call.actions.indexOf(new Played(HOURS_REPLY)));
    }
  }

  @Test
  void aClickShorterThanTheBargeInMinimumDoesNotInterrupt() {
    try (TestCall test = new TestCall().started()) {
      test.awaitSaid(GREETING);
      test.audio(TestCall.NOISE, 40);
      test.silence(400);
      pause(50);
      assertThat(test.call.actions).noneMatch(Cleared.class::isInstance);
    }
  }

  @Test
  void stalePlayoutFromBeforeABargeInIsNeverPlayed() {
    try (TestCall test = new TestCall()) {
      test.tts.waitsOn = text -> text.equals("How can I help?");
      test.started();
      test.awaitSaid("Hello, this is the shop.");
      test.says("what time do you open");
      eventually("barge-in", () -> test.call.actions.stream().anyMatch(Cleared.class::isInstance));
      test.tts.gate.countDown(); // the second greeting sentence now completes, too late
      test.awaitPlayedContaining("nine");
      pause(50);
      assertThat(test.call.played()).doesNotContain("How can I help?");
    }
  }

  @Test
  void recognizerHearsThePreRollBeforeTheOnset() {
    try (TestCall test = new TestCall().greeted()) {
      test.audio(TestCall.BREATH, 100); // below the VAD threshold, just before the words
      test.says("opening times");
      test.awaitPlayedContaining("nine");
      assertThat(test.stt.amplitudesHeard).contains(TestCall.BREATH);
    }
  }

  @Test
  void noiseWithoutWordsIsIgnored() {
    try (TestCall test = new TestCall().greeted()) {
      test.audio(TestCall.NOISE, 300);
      test.silence(400);
      eventually("back to listening", () -> test.call.states.contains("THINKING") && test.call.lastState().equals("LISTENING"));
      pause(50);
      assertThat(test.call.played()).noneMatch(text -> text.startsWith("Sorry"));
    }
  }

  @Test
  void keyTwoThenKeyedDigitsAndHashReadTheDigitsBack() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(SampleDialplan.ORDER_REPLY + " " + ORDER_PROMPT);
      test.drained();
      test.awaitState("COLLECTING_DIGITS");
      test.presses('4', '2', '7', '#');
      test.awaitPlayedContaining("Order 4, 2, 7 is on its way.");
    }
  }

  @Test
  void fiveKeyedDigitsCompleteTheCollectionWithoutHash() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.presses('1', '2', '3', '4', '5');
      test.awaitPlayedContaining("Order 1, 2, 3, 4, 5 is on its way.");
    }
  }

  @Test
  void spokenDigitsSplitOverTwoUtterancesAreAccumulated() {
    try (TestCall test = new TestCall().greeted()) {
      test.says("where's my order");
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.awaitState("COLLECTING_DIGITS");
      int playedBefore = test.call.played().size();
      test.says("one two three");
      test.silence(800);
      eventually("first digits heard", () -> test.call.states.getLast().equals("COLLECTING_DIGITS") && test.call.states.contains("THINKING"));
      pause(50);
      assertThat(test.call.played()).hasSize(playedBefore); // the bot waits quietly for the rest
      test.says("four five");
      test.awaitPlayedContaining("Order 1, 2, 3, 4, 5 is on its way.");
    }
  }

  @Test
  void digitsTheRecognizerFinalizedMidTurnAreCountedOnce() {
    try (TestCall test = new TestCall().greeted()) {
      test.says("where's my order");
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.awaitState("COLLECTING_DIGITS");
      test.stt.engineEndsUtteranceAfter.add("one two three");
      test.speaks("one two three", 300);
      test.silence(20); // the engine hears the pause and finalizes "one two three" by itself
      pause(300); // ... and its final comes back
      test.silence(200); // past the short endpoint of a complete number, short of the long one of a number begun
      test.speaks("four five", 300);
      test.silenceInRealTime(400);
      test.awaitPlayedContaining("Order 1, 2, 3, 4, 5 is on its way.");
    }
  }

  @Test
  void digitsReadWithPausesAreDecodedInOneRunNotSplitAtEachPause() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.awaitState("COLLECTING_DIGITS");
      int finalsBefore = test.stt.finishes.get();
      saysNineEightSevenSixFiveWithPauses(test);
      test.awaitPlayedContaining("Order 9, 8, 7, 6, 5 is on its way.");
      assertThat(test.stt.finishes.get() - finalsBefore).as("finals asked of the recognizer").isEqualTo(1);
    }
  }

  @Test
  void theRecognizerIsToldToExpectDigitsWhileCollecting() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.says("one two three four five");
      test.awaitPlayedContaining("Order 1, 2, 3, 4, 5");
      assertThat(test.stt.phrasesGiven.getLast()).contains("one", "oh");
    }
  }

  @Test
  void anUtteranceWithoutDigitsWhileCollectingGetsTheRetryPrompt() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('2');
      test.awaitSaid(ORDER_PROMPT);
      test.drained();
      test.says("i do not have it");
      test.awaitPlayedContaining(ORDER_RETRY);
    }
  }

  @Test
  void threeMissesSayGoodbyeAndHangUpOnlyAfterItWasHeard() {
    try (TestCall test = new TestCall().greeted()) {
      for (int miss = 1; miss <= 2; miss++) {
        test.says("the weather is nice");
        int expected = miss;
        eventually("reprompt " + miss, () -> test.call.played().stream().filter(t -> t.startsWith("Sorry")).count() == expected);
        test.drained();
        test.awaitState("LISTENING");
      }
      test.says("blue bananas");
      test.awaitSaid(GOODBYE);
      test.awaitState("ENDING");
      pause(100);
      assertThat(test.call.hungUp()).isFalse();
      test.drained();
      test.awaitHangup();
      assertThat(test.call.actions.getLast()).isEqualTo(new HungUp());
      assertThat(test.conversation.finished()).succeedsWithin(Duration.ofSeconds(2));
      assertThat(test.vad.streamClosed).isTrue();
      assertThat(test.stt.streamClosed).isTrue();
    }
  }

  @Test
  void holdStopsTheBotTalkingAndNeitherListensNorRepromptsUntilResumed() {
    try (TestCall test = new TestCall(SampleDialplan.create(Duration.ofMillis(150), 1, 3)).greeted()) {
      test.says("when are you open");
      test.awaitPlayedContaining("nine");
      int actionsBeforeHold = test.call.actions.size();

      test.conversation.onHold(true);
      test.awaitState("ON_HOLD");
      test.says("what are your opening hours");
      pause(400);

      assertThat(actionsFrom(test, actionsBeforeHold))
          .as("on hold: the reply is cut, nothing new is said, no silence prompt")
          .allMatch(action -> action instanceof Cleared);
      test.conversation.onHold(false);
      test.awaitState("LISTENING");
      test.awaitSaid(SILENCE_PROMPT);
    }
  }

  @Test
  void theAgentIntentTransfersToTheDialplansAgentOnlyAfterTheAnnouncementWasHeard() {
    try (TestCall test = new TestCall(SampleDialplan.withAgentTransfer()).greeted()) {
      test.says("i want to talk to a person");
      test.awaitSaid(AGENT_REPLY);
      pause(100);
      assertThat(test.call.actions).noneMatch(action -> action instanceof RecordingCall.Transferred);

      test.drained();

      eventually("transferred", () -> test.call.actions.contains(new RecordingCall.Transferred(SampleDialplan.AGENT_URI)));
      test.awaitState("TRANSFERRING");
    }
  }

  @Test
  void aFailedScriptedTransferIsToldToTheCallerAndTheCallGoesOn() {
    try (TestCall test = new TestCall(SampleDialplan.withAgentTransfer()).greeted()) {
      test.presses('0');
      test.awaitSaid(AGENT_REPLY);
      test.drained();
      test.awaitState("TRANSFERRING");

      test.conversation.onTransferResult(false, "486 Busy Here");

      test.awaitPlayedContaining("could not transfer");
      test.drained();
      test.awaitState("LISTENING");
      assertThat(test.call.hungUp()).isFalse();
    }
  }

  @Test
  void silenceGetsAPromptThenGoodbyeAndHangup() {
    try (TestCall test = new TestCall(SampleDialplan.create(Duration.ofMillis(150), 1, 3)).greeted()) {
      test.awaitSaid(SILENCE_PROMPT);
      test.drained();
      test.awaitSaid(GOODBYE);
      assertThat(test.call.hungUp()).isFalse();
      test.drained();
      test.awaitHangup();
      assertThat(test.call.played()).containsSubsequence("Are you still there?", "Thank you for calling.", "Goodbye.");
    }
  }

  @Test
  void aRecognizedIntentResetsTheSilenceCount() {
    try (TestCall test = new TestCall(SampleDialplan.create(Duration.ofMillis(300), 1, 3)).greeted()) {
      test.awaitSaid(SILENCE_PROMPT);
      test.drained();
      test.says("representative please");
      test.awaitSaid(AGENT_REPLY);
      test.drained();
      eventually("second silence prompt", () -> test.call.played().stream().filter(SILENCE_PROMPT::equals).count() == 2);
      assertThat(test.call.played()).doesNotContain("Goodbye.");
    }
  }

  @Test
  void goodbyeIntentHangsUpOnlyAfterTheGoodbyeAudioDrained() {
    try (TestCall test = new TestCall().greeted()) {
      test.says("that's all goodbye");
      test.awaitSaid(GOODBYE);
      test.awaitState("ENDING");
      test.speaks("wait one more thing", 300); // the ending is not interruptible
      pause(150);
      assertThat(test.call.hungUp()).isFalse();
      assertThat(test.call.actions).noneMatch(Cleared.class::isInstance);
      test.drained();
      test.awaitHangup();
      assertThat(test.conversation.finished()).succeedsWithin(Duration.ofSeconds(2));
      assertThat(test.call.lastState()).isEqualTo("ENDED");
    }
  }

  @Test
  void remoteHangupWhileThinkingStopsEverythingWithNoFurtherActions() throws Exception {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.finishGate = new CountDownLatch(1);
      test.says("well I was wondering"); // not a complete answer: the final is awaited
      test.awaitState("THINKING");
      int actionsBefore = test.call.actions.size();
      test.conversation.onRemoteHangup();
      test.stt.finishGate.countDown();
      assertThat(test.conversation.finished()).succeedsWithin(Duration.ofSeconds(3));
      test.conversation.onAudioFrame(new short[320]);
      test.conversation.onPlayoutDrained();
      pause(100);
      assertThat(test.call.actions).hasSize(actionsBefore);
      assertThat(test.call.lastState()).isEqualTo("ENDED");
      assertThat(test.vad.streamClosed).isTrue();
      assertThat(test.stt.streamClosed).isTrue();
    }
  }

  @Test
  void failedSynthesisIsCoveredByTheApology() {
    try (TestCall test = new TestCall().greeted()) {
      test.tts.failsOn = text -> text.equals(HOURS_REPLY);
      test.says("what are your opening hours");
      test.awaitSaid(APOLOGY);
      assertThat(test.call.played()).doesNotContain(HOURS_REPLY);
      test.drained();
      test.awaitState("LISTENING");
      assertThat(test.call.hungUp()).isFalse();
    }
  }

  @Test
  void whenTheApologyFailsTooTheBotHangsUpRatherThanLeaveDeadAir() {
    try (TestCall test = new TestCall().greeted()) {
      test.tts.failsOn = text -> text.equals(HOURS_REPLY) || text.equals(APOLOGY);
      test.says("what are your opening hours");
      test.awaitHangup();
      assertThat(test.conversation.finished()).succeedsWithin(Duration.ofSeconds(2));
    }
  }

  @Test
  void aRecognizerFailureIsTreatedAsNotUnderstood() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.failing = true;
      test.says("what are your opening hours");
      test.awaitSaid(REPROMPT);
    }
  }

  @Test
  void aWedgedRecognizerIsTreatedAsNotUnderstoodInsteadOfDeadAir() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.finishGate = new CountDownLatch(1); // never opened: finish() hangs
      test.says("well I was wondering"); // not a complete answer: the final is awaited
      test.awaitState("THINKING");
      eventually("reprompt after the recognition timeout", () -> test.call.played().stream().anyMatch(t -> t.startsWith("Sorry")));
      test.stt.finishGate.countDown();
    }
  }

  @Test
  void aRecognizerTooSlowToFinishIsAnsweredFromTheWordsItsPartialsAlreadyHad() {
    try (TestCall test = new TestCall().greeted()) {
      // A CPU so short that the recognizer's finals (the pause's checkpoint too) come back late:
      // the caller was heard, and gets the answer to what the partials held, not "Sorry".
      int heardBefore = test.stt.amplitudesHeard.size();
      test.speaks("what are your opening hours and", 300); // trailing off: the final is awaited
      eventually("the recognizer heard the words", () -> test.stt.amplitudesHeard.size() > heardBefore);
      test.stt.finishGate = new CountDownLatch(1);
      test.silenceInRealTime(600);
      long endpointed = System.nanoTime();
      test.awaitSaid(HOURS_REPLY);
      assertThat(Duration.ofNanos(System.nanoTime() - endpointed)).as("answered once the final was given up on")
          .isGreaterThan(Conversation.RECOGNITION_TIMEOUT.minusMillis(600));
      assertThat(test.call.played()).noneMatch(t -> t.startsWith("Sorry"));
      test.stt.finishGate.countDown();
    }
  }

  @Test
  void aKeyOutsideCollectionSelectsItsIntent() {
    try (TestCall test = new TestCall().greeted()) {
      test.presses('1');
      test.awaitPlayedContaining("nine");
    }
  }

  @Test
  void aKeyPressInterruptsTheBot() {
    try (TestCall test = new TestCall().started()) {
      test.awaitSaid(GREETING);
      test.presses('1');
      test.awaitPlayedContaining("nine");
      assertThat(test.call.actions).anyMatch(Cleared.class::isInstance);
    }
  }

  @Test
  void maximumCallDurationSaysGoodbyeAndHangsUp() {
    ConversationSettings short_ =
        new ConversationSettings(0.5f, 0.35f, Duration.ofMillis(60), Duration.ofMillis(200), Duration.ofMillis(100),
            Duration.ofSeconds(3), Duration.ofMillis(300));
    try (TestCall test = new TestCall(SampleDialplan.create(), short_).greeted()) {
      test.awaitSaid(GOODBYE);
      test.drained();
      test.awaitHangup();
    }
  }

  @Test
  void aCompleteAnswerEndsTheTurnSoonerThanAVagueOne() {
    try (TestCall test = new TestCall().greeted()) {
      test.speaks("what are your opening hours", 300);
      pause(100); // time for the partial transcript to come back, as it would on a live call
      test.silenceInRealTime(140); // past the 100 ms short endpoint, short of the 200 ms normal one
      test.awaitPlayedContaining("nine");
    }
  }

  @Test
  void aCompleteAnswerIsAnsweredAtTheEndpointWithoutWaitingForTheFinalTranscript() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.finishGate = new CountDownLatch(1); // the recognizer's final is held back
      test.speaks("what are your opening hours", 300);
      pause(100); // time for the partial transcript to come back, as it would on a live call
      test.silenceInRealTime(200);
      test.awaitPlayedContaining("nine");
      test.conversation.onPlayoutStarted(); // the reply's first packet: the turn is complete
      eventually("turn reported", () -> test.call.turns.stream().anyMatch(t -> t.intent().equals("hours")));
      TurnTimings turn = test.call.turns.stream().filter(t -> t.intent().equals("hours")).findFirst().orElseThrow();
      assertThat(turn.callerText()).isEqualTo("what are your opening hours");
      assertThat(turn.sttFinalNanos()).isBetween(turn.endpointNanos(), turn.replyNanos());
      test.stt.finishGate.countDown();
      pause(100);
      assertThat(test.call.played()).as("the late final is not answered again").filteredOn(t -> t.contains("nine")).hasSize(1);
    }
  }

  @Test
  void aPauseAsksTheRecognizerForItsWordsSoTheShortEndpointAppliesThoughThePartialTrails() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.partialsTrailTheLastWord = true; // the partial never shows "hours" before the end
      test.speaks("what are your opening", 300);
      test.speaks("hours", 200);
      test.silenceInRealTime(120); // the checkpoint: the recognizer's final has "hours"
      pause(150);
      test.silenceInRealTime(40); // 160 ms of pause: past the 100 ms short endpoint, short of the 200 ms one
      test.awaitPlayedContaining("nine");
      assertThat(test.call.transcript).contains(new Line(Speaker.CALLER, "what are your opening hours"));
    }
  }

  @Test
  void wordsCheckpointedJustBeforeTheTurnEndedAreKeptInTheAnswer() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.partialsTrailTheLastWord = true;
      test.stt.finishGate = new CountDownLatch(1); // the checkpoint's final comes back after the endpoint
      test.speaks("what are your opening", 300);
      test.speaks("hours", 200);
      test.silence(400);
      test.awaitState("THINKING");
      test.stt.finishGate.countDown();
      test.awaitPlayedContaining("nine");
      assertThat(test.call.transcript).contains(new Line(Speaker.CALLER, "what are your opening hours"));
    }
  }

  @Test
  void wordsThePausesCheckpointFinalizedAreAnsweredAtTheEndpointWithoutAnotherFinal() {
    try (TestCall test = new TestCall().greeted()) {
      test.speaks("well I was wondering", 300);
      test.silenceInRealTime(120); // the checkpoint: its final has every word
      eventually("the checkpoint's final", () -> test.stt.finishes.get() == 1);
      test.stt.finishGate = new CountDownLatch(1); // the turn's own final would never come
      test.silenceInRealTime(120); // past the 200 ms endpoint
      test.awaitSaid(REPROMPT);
      test.conversation.onPlayoutStarted(); // the reply's first packet: the turn is complete
      eventually("turn reported", () -> test.call.turns.stream().anyMatch(t -> !t.callerText().isEmpty()));
      TurnTimings turn = test.call.turns.stream().filter(t -> !t.callerText().isEmpty()).findFirst().orElseThrow();
      assertThat(turn.callerText()).isEqualTo("well I was wondering");
      assertThat(Duration.ofNanos(turn.sttFinalNanos() - turn.endpointNanos()))
          .as("answered from the words in, not after the recognizer's timeout")
          .isLessThan(Conversation.RECOGNITION_TIMEOUT.dividedBy(2));
      test.stt.finishGate.countDown();
    }
  }

  @Test
  void wordsThatAreNotYetACompleteAnswerWaitForTheFinalTranscript() {
    try (TestCall test = new TestCall().greeted()) {
      test.stt.finishGate = new CountDownLatch(1);
      test.speaks("well I was wondering", 300);
      pause(100);
      test.silenceInRealTime(300); // past the normal endpoint
      test.awaitState("THINKING");
      int playedBefore = test.call.played().size();
      pause(100);
      assertThat(test.call.played()).hasSize(playedBefore);
      test.stt.finishGate.countDown();
      test.awaitSaid(REPROMPT);
    }
  }

  @Test
  void closingBeforeStartCompletesAtOnce() {
    try (TestCall test = new TestCall()) {
      test.conversation.close();
      assertThat(test.conversation.finished()).isCompleted();
    }
  }

  // ---------------------------------------------------------------- pause, confirm, resume (false interruptions)

  static final String LONG_HOURS_1 = "We are open from nine to five.";
  static final String LONG_HOURS_2 = "On Saturdays we open at ten.";
  static final String LONG_HOURS_3 = "Anything else?";

  /** The sample shop, with a three-sentence hours reply, and {@code maxMisses} not-understood turns allowed. */
  private static Dialplan longHours(int maxMisses) {
    Dialplan plain = SampleDialplan.create(Duration.ofSeconds(5), 2, maxMisses);
    List<Intent> intents = plain.intents().stream()
        .map(i -> i.name().equals("hours")
            ? new Intent(i.name(), i.phrases(), i.dtmf(), LONG_HOURS_1 + " " + LONG_HOURS_2 + " " + LONG_HOURS_3,
                i.collect(), i.then())
            : i)
        .toList();
    return new Dialplan(plain.name(), plain.numbers(), plain.greeting(), plain.reprompt(), plain.goodbye(),
        plain.apology(), plain.maxMisses(), plain.silence(), intents);
  }

  /** Starts the long hours reply (1 s a sentence) and lets its first sentence play out. */
  private static void hearFirstOfLongHours(TestCall test) {
    test.tts.millisPerSentence = 1000;
    test.says("when are you open");
    test.awaitSaid(LONG_HOURS_1 + " " + LONG_HOURS_2 + " " + LONG_HOURS_3);
    pause(1300); // by the playout estimate, the second sentence is playing now
  }

  private static Cleared firstClearAfter(TestCall test, int index) {
    eventually("barge-in", () -> actionsFrom(test, index).stream().anyMatch(Cleared.class::isInstance));
    return (Cleared) actionsFrom(test, index).stream().filter(Cleared.class::isInstance).findFirst().orElseThrow();
  }

  /**
   * The call's actions from {@code index} on, from a copy: a sublist of the live list fails
   * (ConcurrentModificationException) when the conversation adds an action while it is read,
   * which a loaded machine made happen.
   */
  private static List<RecordingCall.Action> actionsFrom(TestCall test, int index) {
    List<RecordingCall.Action> all = List.copyOf(test.call.actions);
    return all.subList(Math.min(index, all.size()), all.size());
  }

  private static List<String> playedAfter(TestCall test, RecordingCall.Action action) {
    List<RecordingCall.Action> all = List.copyOf(test.call.actions);
    return all.subList(all.indexOf(action) + 1, all.size()).stream()
        .filter(Played.class::isInstance).map(a -> ((Played) a).text()).toList();
  }

  @Test
  void aCoughDuringAReplyPausesItAtOnceThenResumesTheCutSentenceAndTheRest() {
    try (TestCall test = new TestCall(longHours(3)).greeted()) {
      hearFirstOfLongHours(test);
      int actionsBefore = test.call.actions.size();
      int framesBefore = test.vad.framesSeen.get();
      test.audio(TestCall.NOISE, 200); // a cough: voiced, but no words
      test.silence(400);
      long soundEnded = System.nanoTime();
      Cleared cleared = firstClearAfter(test, actionsBefore);
      assertThat(cleared.atVadFrame() - framesBefore).as("cleared on the frame confirming the onset").isBetween(3, 4);
      eventually("resumed", () -> playedAfter(test, cleared).contains(LONG_HOURS_3));
      assertThat(Duration.ofNanos(System.nanoTime() - soundEnded)).isLessThan(Duration.ofSeconds(2));
      pause(100);
      // The sentence that was cut is spoken again from its start, then the rest; the one heard is not.
      assertThat(playedAfter(test, cleared)).containsExactly(LONG_HOURS_2, LONG_HOURS_3);
      assertThat(test.call.lastState()).isEqualTo("SPEAKING");
      test.drained();
      test.awaitState("LISTENING");
      assertThat(test.call.played()).noneMatch(text -> text.startsWith("Sorry"));
    }
  }

  @Test
  void aBackchannelDuringAReplyResumesItAndIsNotCountedAsAMiss() {
    // One miss would end the call: the backchannel must not count as one.
    try (TestCall test = new TestCall(longHours(1)).greeted()) {
      hearFirstOfLongHours(test);
      int actionsBefore = test.call.actions.size();
      test.says("mm-hmm");
      Cleared cleared = firstClearAfter(test, actionsBefore);
      eventually("resumed", () -> playedAfter(test, cleared).contains(LONG_HOURS_3));
      pause(100);
      assertThat(playedAfter(test, cleared)).containsExactly(LONG_HOURS_2, LONG_HOURS_3);
      assertThat(test.call.played()).noneMatch(text -> text.startsWith("Sorry") || text.equals("Goodbye."));
      assertThat(test.call.transcript).contains(new Line(Speaker.CALLER, "mm-hmm"));
      test.drained();
      test.awaitState("LISTENING");
      assertThat(test.call.hungUp()).isFalse();
    }
  }

  @Test
  void aRealQuestionDuringAReplyIsAnsweredAndTheRestOfTheReplyNeverPlays() {
    try (TestCall test = new TestCall(longHours(3)).greeted()) {
      hearFirstOfLongHours(test);
      int actionsBefore = test.call.actions.size();
      test.says("where is my order");
      Cleared cleared = firstClearAfter(test, actionsBefore);
      test.awaitSaid(SampleDialplan.ORDER_REPLY + " " + ORDER_PROMPT);
      pause(100);
      assertThat(playedAfter(test, cleared)).containsExactly(SampleDialplan.ORDER_REPLY, ORDER_PROMPT);
    }
  }

  @Test
  void aFalseInterruptionDuringTheGreetingResumesTheGreeting() {
    try (TestCall test = new TestCall()) {
      test.tts.millisPerSentence = 1000;
      test.started();
      test.awaitSaid(GREETING); // the first sentence is playing
      test.audio(TestCall.NOISE, 200);
      test.silence(400);
      Cleared cleared = firstClearAfter(test, 0);
      assertThat(cleared.atVadFrame()).isBetween(3, 4);
      eventually("greeting resumed", () -> playedAfter(test, cleared).contains("How can I help?"));
      pause(100);
      assertThat(playedAfter(test, cleared)).containsExactly("Hello, this is the shop.", "How can I help?");
      assertThat(test.call.lastState()).isEqualTo("GREETING");
      test.drained();
      test.awaitState("LISTENING");
      test.says("when are you open");
      test.awaitPlayedContaining("nine");
    }
  }

  @Test
  void aKeyPressDuringAPausedReplyIsAnInterruptionThatDoesNotResume() {
    try (TestCall test = new TestCall(longHours(3)).greeted()) {
      hearFirstOfLongHours(test);
      int actionsBefore = test.call.actions.size();
      test.stt.finishGate = new CountDownLatch(1); // hold the caller's transcript: the reply stays paused
      test.audio(TestCall.NOISE, 200);
      test.silence(400);
      Cleared cleared = firstClearAfter(test, actionsBefore);
      test.presses('2');
      test.awaitSaid(SampleDialplan.ORDER_REPLY + " " + ORDER_PROMPT);
      test.stt.finishGate.countDown();
      pause(200);
      assertThat(playedAfter(test, cleared)).containsExactly(SampleDialplan.ORDER_REPLY, ORDER_PROMPT);
    }
  }
}
