package dev.voicebot.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveEventsTest {

  private static LiveEvent state(int i) {
    return new LiveEvent.StateChanged("call-1", "S" + i);
  }

  @Test
  void aSubscriberThatDoesNotReadLosesEventsBeyondItsQueueWithoutHoldingUpThePublisher() throws Exception {
    var events = new LiveEvents(4);
    var stalled = events.subscribe();
    var reader = events.subscribe();
    long started = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      events.publish(state(i));
      reader.next(Duration.ZERO); // this one keeps up
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(events.dropped()).as("6 did not fit the stalled queue of 4").isEqualTo(6);
    assertThat(reader.takeLagging()).isFalse();
    assertThat(stalled.takeLagging()).as("told once to start over").isTrue();
    assertThat(stalled.takeLagging()).isFalse();
    assertThat(stalled.next(Duration.ZERO)).as("what was queued is older than the new snapshot").isEmpty();
    events.publish(state(10));
    assertThat(stalled.next(Duration.ZERO)).contains(state(10));
  }

  @Test
  void aClosedSubscriptionIsForgottenAndGetsNothingMore() throws Exception {
    var events = new LiveEvents(4);
    var subscription = events.subscribe();
    assertThat(events.hasSubscribers()).isTrue();
    subscription.close();
    events.publish(state(1));
    assertThat(events.subscribers()).isZero();
    assertThat(subscription.isOpen()).isFalse();
    assertThat(subscription.next(Duration.ZERO)).isEmpty();
    assertThat(events.dropped()).isZero();
  }

  @Test
  void theStateOfACallInProgressIsKeptForNewStreamsUntilTheCallEnds() {
    var events = new LiveEvents();
    events.publish(new LiveEvent.StateChanged("call-1", "LISTENING"));
    assertThat(events.state("call-1")).contains("LISTENING");
    events.publish(new LiveEvent.CallEnded("call-1", "caller-hung-up", "caller hung up"));
    assertThat(events.state("call-1")).isEmpty();
  }

  @Test
  void eachEventHasItsStreamName() {
    assertThat(state(1).type()).isEqualTo("state");
    assertThat(new LiveEvent.CallEnded("c", null, null).type()).isEqualTo("call-ended");
    assertThat(new LiveEvent.QualityNow("c", 1.0, 0.0, 4.4).type()).isEqualTo("quality");
  }
}
