package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.fail;

import dev.voicebot.pipeline.brain.SampleDialplan;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.llm.LlmService;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.testing.RecordingCall;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A conversation wired to fakes, driven like a phone call: the caller speaks (frames of a
 * registered amplitude), stays silent, presses keys, and the playout reports it drained.
 * Frames are fed faster than real time; turn-taking runs on audio time so that is fine.
 */
final class TestCall implements AutoCloseable {

  /** Short durations so tests are fast: 200 ms endpoint, 100 ms when complete. */
  static final ConversationSettings FAST =
      new ConversationSettings(
          0.5f, 0.35f, Duration.ofMillis(60), Duration.ofMillis(200), Duration.ofMillis(100),
          Duration.ofSeconds(3), Duration.ofMinutes(1));

  static final short NOISE = 600;
  static final short BREATH = 300;

  final FakeVad vad = new FakeVad();
  final FakeStt stt = new FakeStt();
  final FakeTts tts = new FakeTts();
  final RecordingCall call = new RecordingCall(tts.textOf::get, vad.framesSeen::get);
  final ExecutorService inference = Executors.newFixedThreadPool(4);
  /** Only used by dialplans with an LLM; no key in the environment. */
  final LlmService llm = new LlmService(name -> null);
  final Conversation conversation;
  private final short[] frame = new short[Conversation.FRAME_SAMPLES];
  private short nextWordAmplitude = 2000;

  TestCall() {
    this(SampleDialplan.create(), FAST);
  }

  TestCall(Dialplan dialplan) {
    this(dialplan, FAST);
  }

  TestCall(Dialplan dialplan, ConversationSettings settings) {
    this(dialplan, settings, LookupClient.unavailable());
  }

  /** A call whose dialplan's lookups go to {@code lookups}. */
  TestCall(Dialplan dialplan, LookupClient lookups) {
    this(dialplan, FAST, lookups);
  }

  private TestCall(Dialplan dialplan, ConversationSettings settings, LookupClient lookups) {
    conversation = new Conversation("call-1", dialplan,
        new Engines(vad, stt, tts, inference, Optional.of(llm)).withLookups(lookups), call, settings, call);
  }

  TestCall started() {
    conversation.start();
    return this;
  }

  /** Starts the call and lets the caller hear the whole greeting. */
  TestCall greeted() {
    started();
    awaitSaid(SampleDialplan.GREETING);
    drained();
    awaitState("LISTENING");
    return this;
  }

  /** The caller says something (300 ms of speech), then pauses long enough to end the turn. */
  void says(String text) {
    speaks(text, 300);
    silence(400);
  }

  /** The caller speaks for a while without pausing afterwards. */
  void speaks(String text, int millis) {
    short amplitude = nextWordAmplitude++;
    stt.textByAmplitude.put(amplitude, text);
    audio(amplitude, millis);
  }

  void silence(int millis) {
    audio((short) 0, millis);
  }

  /** Silence paced like the media clock (one frame per 20 ms), for tests that race engine results. */
  void silenceInRealTime(int millis) {
    for (int i = 0; i < millis / 20; i++) {
      audio((short) 0, 20);
      pause(20);
    }
  }

  /** Frames of one amplitude; the same array is reused, as the media clock does. */
  void audio(short amplitude, int millis) {
    for (int i = 0; i < millis / 20; i++) {
      Arrays.fill(frame, amplitude);
      conversation.onAudioFrame(frame);
      Arrays.fill(frame, (short) -1);
    }
  }

  void presses(char... keys) {
    for (char key : keys) {
      conversation.onDtmf(key);
    }
  }

  /** The playout queue reports it has played everything. */
  void drained() {
    conversation.onPlayoutStarted();
    conversation.onPlayoutDrained();
  }

  /** Waits until every sentence of {@code text} has been queued for playout. */
  void awaitSaid(String text) {
    for (String sentence : new SentenceSplitter().split(text)) {
      eventually("bot said \"" + sentence + "\"; played so far: " + call.played(), () -> call.played().contains(sentence));
    }
  }

  void awaitPlayedContaining(String fragment) {
    eventually(
        "bot played something containing \"" + fragment + "\"; played so far: " + call.played(),
        () -> call.played().stream().anyMatch(text -> text.contains(fragment)));
  }

  void awaitState(String state) {
    eventually("state " + state + "; states so far: " + call.states, () -> call.lastState().equals(state));
  }

  void awaitHangup() {
    eventually("bot hung up; actions: " + call.actions, call::hungUp);
  }

  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** Lets in-flight work settle, for asserting that something does NOT happen. */
  static void pause(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    conversation.close();
    inference.shutdownNow();
    llm.close();
  }
}
