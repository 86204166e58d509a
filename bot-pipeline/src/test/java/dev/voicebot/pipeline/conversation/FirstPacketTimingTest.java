package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.conversation.TestCall.eventually;
import static dev.voicebot.pipeline.conversation.TestCall.pause;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.brain.SampleDialplan;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A turn's waterfall ends at the first RTP packet of its reply, as the media clock reports it. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FirstPacketTimingTest {

  @Test
  void theTurnIsReportedWithTheFirstPacketSentAfterTheEndpointAndTheQueuedAudio() {
    try (TestCall test = new TestCall().greeted()) {
      int before = test.call.turns.size();
      test.says("what are you opening ours");
      test.awaitPlayedContaining("nine");
      pause(100);
      assertThat(test.call.turns).as("not before the reply's first packet is on the wire").hasSize(before);

      test.conversation.onPlayoutStarted();

      eventually("turn reported", () -> test.call.turns.size() == before + 1);
      TurnTimings turn = test.call.turns.getLast();
      assertThat(turn.intent()).isEqualTo("hours");
      assertThat(turn.firstPacketSentNanos()).isNotEqualTo(TurnTimings.NOT_MEASURED);
      assertThat(turn.endpointNanos()).isLessThanOrEqualTo(turn.firstAudioQueuedNanos());
      assertThat(turn.firstAudioQueuedNanos()).isLessThanOrEqualTo(turn.firstPacketSentNanos());
      assertThat(turn.playoutDelay()).get().matches(d -> !d.isNegative());
      assertThat(turn.firstPacketDelay().orElseThrow()).isGreaterThanOrEqualTo(turn.responseDelay().orElseThrow());
    }
  }

  @Test
  void aStartSignalOfEarlierAudioDoesNotCompleteTheNextTurn() {
    try (TestCall test = new TestCall().started()) {
      test.awaitSaid(SampleDialplan.GREETING);
      test.conversation.onPlayoutStarted();
      eventually("greeting turn reported", () -> test.call.turns.size() == 1);
      assertThat(test.call.turns.getFirst().firstPacketSentNanos()).isNotEqualTo(TurnTimings.NOT_MEASURED);
      test.conversation.onPlayoutDrained();
      test.awaitState("LISTENING");

      test.presses('1'); // a key turn: the hours reply is queued, its talkspurt has not started yet
      test.awaitPlayedContaining("nine");
      pause(100);
      assertThat(test.call.turns).hasSize(1);
    }
  }

  @Test
  void aTurnWhoseReplyNeverReachedTheWireIsStillReportedWhenTheCallEnds() {
    TestCall test = new TestCall().greeted();
    try (test) {
      int before = test.call.turns.size();
      test.presses('1');
      test.awaitPlayedContaining("nine");
      test.conversation.onRemoteHangup();
      eventually("turn reported at the end", () -> test.call.turns.size() == before + 1);
      assertThat(test.call.turns.getLast().firstPacketSentNanos()).isEqualTo(TurnTimings.NOT_MEASURED);
    }
  }
}
