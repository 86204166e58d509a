package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.brain.SampleDialplan;
import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Engines;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import dev.voicebot.pipeline.testing.RecordingCall;
import dev.voicebot.pipeline.testing.RecordingCall.Cleared;
import dev.voicebot.pipeline.testing.RecordingCall.Line;
import dev.voicebot.pipeline.tts.FestivalServer;
import dev.voicebot.pipeline.tts.FestivalSynthesizer;
import dev.voicebot.pipeline.vad.SileroVad;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A realtime call whose model is lost falls back to the cascaded pipeline, with the real local
 * engines (Silero, Vosk, Festival): the caller hears the apology and is then answered by the
 * dialplan's script. Only the paid model is faked, by the protocol-speaking fake server.
 */
@Timeout(90)
class RealtimeCallTest {

  private static final String OPENING = SampleDialplan.APOLOGY + " " + SampleDialplan.GREETING;

  private static FestivalServer festival;
  private static FestivalSynthesizer tts;
  private static SileroVad vad;
  private static VoskRecognizer stt;

  private final RecordingCall call = new RecordingCall(pcm -> null, () -> -1);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeRealtimeServer server;
  private RealtimeCall realtimeCall;

  @BeforeAll
  static void startEngines() throws IOException {
    festival = new FestivalServer(freePort()).start();
    tts = new FestivalSynthesizer("127.0.0.1", festival.port(), Duration.ofSeconds(10));
    vad = new SileroVad(TestModels.sileroModel());
    stt = new VoskRecognizer(TestModels.voskModelDir());
  }

  @AfterAll
  static void stopEngines() {
    if (tts != null) {
      tts.close();
    }
    if (festival != null) {
      festival.close();
    }
    if (vad != null) {
      vad.close();
    }
    if (stt != null) {
      stt.close();
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeRealtimeServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (realtimeCall != null) {
      realtimeCall.close();
      realtimeCall.finished().get(10, TimeUnit.SECONDS);
    }
    server.close();
    pool.shutdownNow();
    http.close();
  }

  @Test
  void anUnreachableModelIsCoveredByTheApologyAndTheLocalPipelineAnswersTheCaller() throws Exception {
    URI nowhere;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nowhere = URI.create("ws://127.0.0.1:" + closed.getLocalPort() + "/v1/realtime");
    }
    start(nowhere);

    awaitTrue("the apology opens the local pipeline's turn", () -> call.transcript.contains(new Line(Speaker.BOT, OPENING)));
    assertThat(realtimeCall.takenOver()).isTrue();
    finishSpeaking();

    askForTheOpeningHours();
    assertThat(call.hungUp()).isFalse();
  }

  @Test
  void aModelLostMidCallHandsTheCallerToTheLocalPipeline() throws Exception {
    start(server.url());
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 2_000);
    awaitTrue("the model's greeting is queued", () -> call.playedSamples() >= 31_000);
    realtimeCall.onPlayoutStarted();

    server.drop();

    awaitTrue("the apology opens the local pipeline's turn", () -> call.transcript.contains(new Line(Speaker.BOT, OPENING)));
    assertThat(call.all(Cleared.class)).as("the model's cut-off audio makes way at once").hasSize(1);
    finishSpeaking();
    askForTheOpeningHours();
    assertThat(call.hungUp()).isFalse();
  }

  @Test
  void theCallLimitCountsFromTheAnswerNotFromTheTakeover() throws Exception {
    ConversationSettings eightSecondCalls = new ConversationSettings(0.5f, 0.35f, Duration.ofMillis(60),
        Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofSeconds(8));
    long answered = System.nanoTime();
    start(server.url(), eightSecondCalls);
    server.await("response.create");
    FakeRealtimeServer.sleep(Duration.ofSeconds(2));

    server.drop();
    awaitTrue("the local pipeline took over", () -> call.transcript.contains(new Line(Speaker.BOT, OPENING)));
    finishSpeaking();

    awaitTrue("the goodbye at the call limit", () -> call.transcript.contains(new Line(Speaker.BOT, SampleDialplan.GOODBYE)));
    assertThat(Duration.ofNanos(System.nanoTime() - answered)).as("8 s from the answer, not 8 s from the takeover")
        .isLessThan(Duration.ofMillis(9_500));
  }

  private void start(URI url) {
    start(url, ConversationSettings.defaults());
  }

  private void start(URI url, ConversationSettings conversationSettings) {
    RealtimeSettings settings = RealtimeSettings.of(url, "gpt-realtime-test", "You answer the phone for the shop.")
        .withTimeouts(new RealtimeSettings.Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(2)));
    RealtimeEngines realtimeEngines = new RealtimeEngines(http, Optional.of(tts), pool, name -> null);
    realtimeCall = new RealtimeCall("call-1", SampleDialplan.create(), settings, realtimeEngines,
        new Engines(vad, stt, tts, pool), conversationSettings, call, call);
    realtimeCall.start();
  }

  /** The playout queue plays what the bot queued, until the local pipeline listens. */
  private void finishSpeaking() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!call.lastState().equals("LISTENING")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the local pipeline never listened; states " + call.states);
      }
      realtimeCall.onPlayoutStarted();
      realtimeCall.onPlayoutDrained();
      Thread.sleep(100);
    }
  }

  /**
   * The caller (flite kal16, not the bot's voice) asks, in 20 ms frames at the media clock's pace:
   * faster, a busy machine's conversation actor falls behind and drops frames, as it must, and the
   * words are lost to the test, not to the bot; the script answers.
   */
  private void askForTheOpeningHours() throws InterruptedException {
    var line = LineCondition.CLEAN;
    short[] speech = CallerCorpus.open().say(Voice.FLITE_KAL16, "What are your opening hours?", line)
        .padded(300, 1_500, line).pcm16k();
    short[] frame = new short[320];
    long next = System.nanoTime();
    for (int at = 0; at + 320 <= speech.length; at += 320) {
      System.arraycopy(speech, at, frame, 0, 320);
      realtimeCall.onAudioFrame(frame);
      next += 20_000_000L;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }
    awaitTrue("the script answers the hours question; transcript " + call.transcript,
        () -> call.transcript.contains(new Line(Speaker.BOT, SampleDialplan.HOURS_REPLY)));
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + what);
      }
      Thread.sleep(10);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
