package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.models.TestModels;
import dev.voicebot.pipeline.testing.RecordingCall;
import dev.voicebot.pipeline.testing.RecordingCall.Cleared;
import dev.voicebot.pipeline.testing.RecordingCall.DtmfSent;
import dev.voicebot.pipeline.testing.RecordingCall.HungUp;
import dev.voicebot.pipeline.testing.RecordingCall.Played;
import dev.voicebot.pipeline.testing.RecordingCall.Transferred;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.vad.SileroVad;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RealtimeSessionTest {

  private static final String KEY_VAR = "TEST_REALTIME_KEY";
  private static final String KEY = "sk-test-not-a-real-key";
  private static final String APOLOGY = "Sorry, something went wrong on our side. Goodbye.";
  private static final Dialplan DIALPLAN =
      new Dialplan("acme", List.of(), "Hello, this is Acme.", "Sorry?", "Goodbye.", APOLOGY, 3,
          new Dialplan.SilencePolicy(Duration.ofSeconds(5), "Are you still there?", 2), List.of())
          .withTransferTargets(Map.of("sales", "sip:sales@pbx.example"));

  private final FakeVoice voice = new FakeVoice();
  private final RecordingCall call = new RecordingCall(voice.textOf::get, () -> -1);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeRealtimeServer server;
  private RealtimeSession session;
  private long playoutStartedNanos;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeRealtimeServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (session != null) {
      session.close();
      session.finished().get(5, TimeUnit.SECONDS);
    }
    server.close();
    pool.shutdownNow();
    http.close();
  }

  // ---------------------------------------------------------------- greeting and audio

  @Test
  void connectsWithTheKeyAndBetaHeaderAndConfiguresTheSessionFromTheDialplan() throws Exception {
    open(Optional.of(voice));
    Json update = server.await("session.update").get("session");

    assertThat(server.requestTarget).isEqualTo("/v1/realtime?model=gpt-realtime-test");
    assertThat(server.requestHeaders).containsEntry("authorization", "Bearer " + KEY)
        .containsEntry("openai-beta", "realtime=v1");
    assertThat(update.get("instructions").string()).contains("You answer the phone for Acme.");
    assertThat(update.get("voice").string()).contains("alloy");
    assertThat(update.get("input_audio_format").string()).contains("pcm16");
    assertThat(update.get("output_audio_format").string()).contains("pcm16");
    assertThat(update.get("turn_detection").get("type").string()).contains("server_vad");
    assertThat(update.get("tools").items()).extracting(t -> t.get("name").string().orElse(""))
        .containsExactly("transfer_call", "end_call", "send_dtmf");
    assertThat(update.get("tools").at(0).get("parameters").get("properties").get("target").get("enum").items())
        .extracting(t -> t.string().orElse("")).containsExactly("sales");
    Json greet = server.await("response.create");
    assertThat(greet.get("response").get("instructions").string().orElse("")).contains("Hello, this is Acme.");
  }

  @Test
  void theModelsGreetingIsPlayedResampledTo16Khz() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    server.send("type", "response.created", "response", Json.object("id", "resp_1", "status", "in_progress"));
    server.sendAudio("resp_1", "item_1", 500);
    awaitTrue(() -> call.playedSamples() >= 7_900);
    session.onPlayoutStarted();

    // 500 ms at 24 kHz is 8000 samples at 16 kHz (less the filter's start-up of a few samples).
    assertThat(call.playedSamples()).isBetween(7_900, 8_000);
    short[] all = concat(call.playedAudio());
    assertThat(dominantFrequency(all, 16_000)).isBetween(980.0, 1020.0);
    awaitTrue(() -> call.turns.size() == 1);
    assertThat(call.turns.getFirst().responseDelay()).isPresent();
    assertThat(call.states).contains("CONNECTING", "GREETING");
  }

  @Test
  void callerAudioIsAppendedAsBase64Pcm16At24KhzInBatchesOf100Ms() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    short[] frame = new short[320];
    for (int n = 0; n < 25; n++) {
      for (int i = 0; i < frame.length; i++) {
        frame[i] = (short) (5000 * Math.sin(2 * Math.PI * 500 * (n * 320 + i) / 16_000.0));
      }
      session.onAudioFrame(frame);
    }

    for (int batch = 0; batch < 5; batch++) {
      Json append = server.await("input_audio_buffer.append");
      short[] pcm = Pcm16.decode(append.get("audio").string().orElseThrow());
      assertThat(pcm).hasSize(2400);
    }
    assertThat(session.droppedFrames()).isZero();
  }

  // ---------------------------------------------------------------- barge-in

  @Test
  void callerSpeakingOverTheBotClearsPlayoutCancelsAndTruncatesToWhatWasHeard() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 2_000);
    awaitTrue(() -> call.playedSamples() >= 31_000);
    session.onPlayoutStarted();
    FakeRealtimeServer.sleep(Duration.ofMillis(300));

    server.send("type", "input_audio_buffer.speech_started", "audio_start_ms", 1200, "item_id", "item_caller");

    server.await("response.cancel");
    Json truncate = server.await("conversation.item.truncate");
    assertThat(call.all(Cleared.class)).hasSize(1);
    assertThat(truncate.get("item_id").string()).contains("item_1");
    long heardMs = (long) ((Json.Num) truncate.get("audio_end_ms")).doubleValue();
    assertThat(heardMs).isBetween(280L, 800L); // ~300 ms played of 2000 queued

    // The rest of the interrupted reply, already on its way, is not played.
    int before = call.playedSamples();
    server.sendAudio("resp_1", "item_1", 300);
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "cancelled"));
    FakeRealtimeServer.sleep(Duration.ofMillis(200));
    assertThat(call.playedSamples()).isEqualTo(before);
    assertThat(call.states.getLast()).isEqualTo("LISTENING");
  }

  @Test
  void aTurnIsTimedFromSpeechStoppedToTheFirstPacketSent() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    feedFrames(10);
    server.send("type", "input_audio_buffer.speech_stopped", "audio_end_ms", 100, "item_id", "item_caller");
    server.send("type", "response.created", "response", Json.object("id", "resp_2"));
    server.sendAudio("resp_2", "item_2", 100);
    awaitTrue(() -> call.playedSamples() > 0);
    session.onPlayoutStarted();

    awaitTrue(() -> call.turns.size() == 1);
    var turn = call.turns.getFirst();
    assertThat(turn.callerSpeechEndNanos()).isLessThanOrEqualTo(turn.endpointNanos());
    assertThat(turn.endpointNanos()).isLessThanOrEqualTo(turn.replyNanos());
    assertThat(turn.replyNanos()).isLessThanOrEqualTo(turn.ttsFirstAudioNanos());
    assertThat(turn.ttsFirstAudioNanos()).isLessThanOrEqualTo(turn.firstAudioQueuedNanos());
    assertThat(turn.firstAudioQueuedNanos()).isLessThanOrEqualTo(turn.firstPacketSentNanos());
  }

  // ---------------------------------------------------------------- tools

  @Test
  void transferToAnAllowlistedNameHappensOnceTheAnnouncementIsHeard() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 300);
    server.send("type", "response.function_call_arguments.done", "response_id", "resp_1", "item_id", "item_fc",
        "output_index", 1, "call_id", "call_1", "name", "transfer_call", "arguments", "{\"target\":\"Sales\"}");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
    awaitTrue(() -> call.playedSamples() >= 4_700);
    FakeRealtimeServer.sleep(Duration.ofMillis(100));
    assertThat(call.all(Transferred.class)).as("not before the announcement was played").isEmpty();

    session.onPlayoutStarted();
    session.onPlayoutDrained();

    awaitTrue(() -> !call.all(Transferred.class).isEmpty());
    assertThat(call.all(Transferred.class)).containsExactly(new Transferred("sip:sales@pbx.example"));
    assertThat(call.states.getLast()).isEqualTo("TRANSFERRING");

    session.onTransferResult(true, "200 OK");
    awaitTrue(call::hungUp);
  }

  @Test
  void aTransferTargetNotOnTheAllowlistIsRefusedAndTheModelIsTold() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.send("type", "response.function_call_arguments.done", "response_id", "resp_1", "item_id", "item_fc",
        "output_index", 0, "call_id", "call_9", "name", "transfer_call",
        "arguments", "{\"target\":\"sip:+15551234567@evil.example\"}");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));

    Json output = server.await("conversation.item.create").get("item");
    assertThat(output.get("type").string()).contains("function_call_output");
    assertThat(output.get("call_id").string()).contains("call_9");
    assertThat(output.get("output").string().orElse("")).startsWith("Refused").contains("sales");
    server.await("response.create"); // the model goes on to tell the caller
    assertThat(call.all(Transferred.class)).isEmpty();
  }

  @Test
  void aFailedTransferIsReportedToTheModelWhichGoesOn() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.send("type", "response.function_call_arguments.done", "response_id", "resp_1", "item_id", "item_fc",
        "output_index", 0, "call_id", "call_2", "name", "transfer_call", "arguments", "{\"target\":\"sales\"}");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
    awaitTrue(() -> !call.all(Transferred.class).isEmpty());

    session.onTransferResult(false, "486 Busy Here");

    Json output = server.await("conversation.item.create").get("item");
    assertThat(output.get("call_id").string()).contains("call_2");
    assertThat(output.get("output").string().orElse("")).contains("failed").contains("486");
    server.await("response.create");
    assertThat(call.hungUp()).isFalse();
  }

  @Test
  void sendDtmfSendsTheDigitsAndTheModelContinues() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.send("type", "response.function_call_arguments.done", "response_id", "resp_1", "item_id", "item_fc",
        "output_index", 0, "call_id", "call_3", "name", "send_dtmf", "arguments", "{\"digits\":\"12#\"}");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));

    awaitTrue(() -> !call.all(DtmfSent.class).isEmpty());
    assertThat(call.all(DtmfSent.class)).containsExactly(new DtmfSent("12#"));
    assertThat(server.await("conversation.item.create").get("item").get("call_id").string()).contains("call_3");
    server.await("response.create");
  }

  @Test
  void endCallHangsUpAfterTheGoodbyeIsHeard() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 200);
    server.send("type", "response.function_call_arguments.done", "response_id", "resp_1", "item_id", "item_fc",
        "output_index", 1, "call_id", "call_4", "name", "end_call", "arguments", "{}");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
    awaitTrue(() -> call.playedSamples() >= 3_100);
    FakeRealtimeServer.sleep(Duration.ofMillis(100));
    assertThat(call.hungUp()).isFalse();

    session.onPlayoutStarted();
    session.onPlayoutDrained();

    awaitTrue(call::hungUp);
    assertThat(server.closeReceived.await(3, TimeUnit.SECONDS)).isTrue();
  }

  // ---------------------------------------------------------------- failures: never dead air

  @Test
  void aFatalServerErrorSpeaksTheApologyThenHangsUp() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    server.send("type", "error", "error", Json.object("type", "server_error", "code", "", "message", "boom"));

    awaitTrue(() -> apologyPlayed());
    assertThat(call.hungUp()).as("not before the apology was heard").isFalse();
    session.onPlayoutStarted();
    session.onPlayoutDrained();
    awaitTrue(call::hungUp);
    assertThat(call.transcript).contains(new RecordingCall.Line(Speaker.BOT, APOLOGY));
  }

  @Test
  void aRejectedClientEventIsNotFatal() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    server.send("type", "error", "error", Json.object("type", "invalid_request_error",
        "code", "response_cancel_not_active", "message", "no active response"));
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 100);

    awaitTrue(() -> call.playedSamples() > 0);
    assertThat(apologyPlayed()).isFalse();
    assertThat(call.hungUp()).isFalse();
  }

  @Test
  void aConnectionDroppedMidReplyIsCoveredByTheApology() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", 1_000);
    awaitTrue(() -> call.playedSamples() > 15_000);
    session.onPlayoutStarted();

    server.drop();

    awaitTrue(() -> apologyPlayed());
    assertThat(call.all(Cleared.class)).hasSize(1); // the cut reply makes way for the apology at once
    session.onPlayoutDrained();
    awaitTrue(call::hungUp);
  }

  @Test
  void aServerThatClosesTheSocketIsCoveredByTheApology() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    server.closeWith(1011);

    awaitTrue(() -> apologyPlayed());
  }

  @Test
  void anUnreachableServerIsCoveredByTheApology() throws Exception {
    URI nowhere;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nowhere = URI.create("ws://127.0.0.1:" + closed.getLocalPort() + "/v1/realtime");
    }
    open(Optional.of(voice), nowhere);

    awaitTrue(() -> apologyPlayed());
    session.onPlayoutDrained();
    awaitTrue(call::hungUp);
  }

  @Test
  void withoutALocalVoiceTheBotHangsUpRatherThanLeaveSilence() throws Exception {
    open(Optional.empty());
    server.await("response.create");

    server.drop();

    awaitTrue(call::hungUp);
    assertThat(call.playedAudio()).isEmpty();
  }

  @Test
  void aModelThatNeverAnswersIsCoveredByTheApology() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    // The greeting never comes: the reply timeout (3 s here) takes the model for down.
    awaitTrue(() -> apologyPlayed(), Duration.ofSeconds(6));
  }

  // ---------------------------------------------------------------- transcripts, keys, hangup, media thread

  @Test
  void bothSidesTranscriptsReachTheListener() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");
    server.send("type", "conversation.item.input_audio_transcription.completed", "item_id", "item_c",
        "content_index", 0, "transcript", "I'd like to talk to sales ");
    server.send("type", "response.audio_transcript.done", "response_id", "resp_1", "item_id", "item_1",
        "output_index", 0, "content_index", 0, "transcript", "Sure, transferring you.");

    awaitTrue(() -> call.transcript.size() == 2);
    assertThat(call.transcript).containsExactly(
        new RecordingCall.Line(Speaker.CALLER, "I'd like to talk to sales"),
        new RecordingCall.Line(Speaker.BOT, "Sure, transferring you."));
  }

  @Test
  void aKeyPressIsToldToTheModelAsTheCallersTurn() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    session.onDtmf('5');

    Json item = server.await("conversation.item.create").get("item");
    assertThat(item.get("role").string()).contains("user");
    assertThat(item.get("content").at(0).get("text").string().orElse("")).contains("5");
    server.await("response.create");
  }

  @Test
  void remoteHangupClosesTheSocketWithoutCallActions() throws Exception {
    open(Optional.of(voice));
    server.await("response.create");

    session.onRemoteHangup();

    assertThat(server.closeReceived.await(3, TimeUnit.SECONDS)).isTrue();
    assertThat(server.closeCode).isEqualTo(1000);
    session.finished().get(3, TimeUnit.SECONDS);
    assertThat(call.actions).isEmpty();
    assertThat(call.states.getLast()).isEqualTo("ENDED");
  }

  @Test
  void theMediaThreadNeverWaitsAndFramesBeyondTheBoundAreDroppedAndCounted() {
    session = new RealtimeSession("call-flood", DIALPLAN, settings(server.url()), engines(Optional.of(voice)), call,
        call);
    short[] frame = new short[320];
    long start = System.nanoTime();
    for (int i = 0; i < 1_000; i++) {
      session.onAudioFrame(frame); // the actor is not running: nothing drains the inbox
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(session.droppedFrames()).isEqualTo(1_000 - RealtimeSession.MAX_QUEUED_FRAMES);
  }

  // ---------------------------------------------------------------- local barge-in, silence, call limit

  @Test
  void callerSpeechHeardByTheLocalVadStopsTheModelAtOnceWithoutWaitingForTheServer() throws Exception {
    try (SileroVad silero = new SileroVad(TestModels.sileroModel())) {
      openWith(LocalPipeline.none().withVad(silero), DIALPLAN);
      modelSpeaks(6_000);
      FakeRealtimeServer.sleep(Duration.ofMillis(400));

      int framesToStop = speakOverTheBot("What are your opening hours?");
      long playedMs = (System.nanoTime() - playoutStartedNanos) / 1_000_000;

      // Silero's 32 ms windows plus the 60 ms run that confirms an onset: far below the server's VAD.
      assertThat(framesToStop * 20).as("ms of caller speech before the bot was cleared").isLessThanOrEqualTo(200);
      server.await("response.cancel");
      Json truncate = server.await("conversation.item.truncate");
      assertThat(truncate.get("item_id").string()).contains("item_1");
      long heardMs = (long) ((Json.Num) truncate.get("audio_end_ms")).doubleValue();
      assertThat(heardMs).as("what was played until the clear, not the 6 s queued").isBetween(400L, playedMs + 50);
      assertThat(heardMs).isGreaterThan(playedMs - 200);
      assertThat(call.all(Cleared.class)).hasSize(1);
      assertThat(call.lastState()).isEqualTo("LISTENING");
    }
  }

  @Test
  void aLocalBargeInTheServersVadNeverConfirmsLetsTheModelGoOn() throws Exception {
    try (SileroVad silero = new SileroVad(TestModels.sileroModel())) {
      openWith(LocalPipeline.none().withVad(silero), DIALPLAN);
      modelSpeaks(3_000);
      speakOverTheBot("What are your opening hours?");
      server.await("response.cancel");
      server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "cancelled"));

      // No speech_started from the server: a cough or a noise, not a turn. The model is asked to go on.
      Json goOn = server.await("response.create", RealtimeSession.BARGE_IN_CONFIRM_WINDOW.plusSeconds(2));
      assertThat(goOn.get("response").string()).isEmpty();
      assertThat(call.lastState()).isEqualTo("THINKING");
    }
  }

  @Test
  void aLocalBargeInConfirmedByTheServerWaitsForTheServersTurn() throws Exception {
    try (SileroVad silero = new SileroVad(TestModels.sileroModel())) {
      openWith(LocalPipeline.none().withVad(silero), DIALPLAN);
      modelSpeaks(3_000);
      speakOverTheBot("What are your opening hours?");
      server.send("type", "input_audio_buffer.speech_started", "audio_start_ms", 1200, "item_id", "item_caller");
      FakeRealtimeServer.sleep(RealtimeSession.BARGE_IN_CONFIRM_WINDOW.plusMillis(500));

      assertThat(server.all("response.cancel")).as("cancelled once, by the local VAD").hasSize(1);
      assertThat(server.all("response.create")).as("only the greeting: the server answers the caller's turn").hasSize(1);
    }
  }

  @Test
  void silenceGetsTheDialplansRepromptFromTheModelThenTheGoodbyeAndAHangup() throws Exception {
    Dialplan quiet = new Dialplan("acme", List.of(), "Hello, this is Acme.", "Sorry?", "Goodbye.", APOLOGY, 3,
        new Dialplan.SilencePolicy(Duration.ofMillis(800), "Are you still there?", 1), List.of());
    openWith(LocalPipeline.none(), quiet);
    modelSpeaks(200);
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
    session.onPlayoutStarted();
    session.onPlayoutDrained();

    Json reprompt = server.await("response.create", Duration.ofSeconds(3));
    assertThat(reprompt.get("response").get("instructions").string().orElse(""))
        .contains("You answer the phone for Acme.").contains("Are you still there?");
    server.send("type", "response.created", "response", Json.object("id", "resp_2"));
    server.sendAudio("resp_2", "item_2", 200);
    server.send("type", "response.done", "response", Json.object("id", "resp_2", "status", "completed"));
    awaitTrue(() -> call.playedSamples() >= 6_200);
    session.onPlayoutStarted();
    session.onPlayoutDrained();

    awaitTrue(() -> call.played().contains("Goodbye."), Duration.ofSeconds(3));
    assertThat(call.hungUp()).as("not before the goodbye is heard").isFalse();
    session.onPlayoutStarted();
    session.onPlayoutDrained();
    awaitTrue(call::hungUp);
  }

  @Test
  void holdStopsTheModelSendsItNothingAndRunsNoRepromptUntilResumed() throws Exception {
    Dialplan quiet = new Dialplan("acme", List.of(), "Hello, this is Acme.", "Sorry?", "Goodbye.", APOLOGY, 3,
        new Dialplan.SilencePolicy(Duration.ofMillis(800), "Are you still there?", 1), List.of());
    openWith(LocalPipeline.none(), quiet);
    modelSpeaks(2_000);
    FakeRealtimeServer.sleep(Duration.ofMillis(200));

    session.onHold(true);
    server.await("response.cancel");
    server.await("conversation.item.truncate");
    server.await("input_audio_buffer.clear");
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "cancelled"));
    awaitTrue(() -> call.states.getLast().equals("ON_HOLD"));
    assertThat(call.all(Cleared.class)).hasSize(1);
    int appendsBefore = server.all("input_audio_buffer.append").size();
    short[] music = new short[320];
    for (int n = 0; n < 50; n++) {
      java.util.Arrays.fill(music, (short) (n % 2 == 0 ? 3000 : -3000));
      session.onAudioFrame(music);
    }
    FakeRealtimeServer.sleep(Duration.ofMillis(1_200)); // past the silence timeout
    assertThat(server.all("input_audio_buffer.append")).as("hold music never reaches the model").hasSize(appendsBefore);
    assertThat(server.all("response.create")).as("no reprompt on hold").hasSize(1);

    session.onHold(false);
    awaitTrue(() -> call.states.getLast().equals("LISTENING"));
    Json reprompt = server.await("response.create", Duration.ofSeconds(3));
    assertThat(reprompt.get("response").get("instructions").string().orElse(""))
        .as("back off hold, the silence timeout runs again").contains("Are you still there?");
  }

  @Test
  void speechResetsTheSilenceCount() throws Exception {
    Dialplan quiet = new Dialplan("acme", List.of(), "Hello, this is Acme.", "Sorry?", "Goodbye.", APOLOGY, 3,
        new Dialplan.SilencePolicy(Duration.ofMillis(800), "Are you still there?", 1), List.of());
    openWith(LocalPipeline.none(), quiet);
    modelSpeaks(200);
    server.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
    session.onPlayoutStarted();
    session.onPlayoutDrained();
    server.send("type", "input_audio_buffer.speech_started", "audio_start_ms", 100, "item_id", "item_caller");

    FakeRealtimeServer.sleep(Duration.ofMillis(1_500));
    assertThat(server.all("response.create")).as("no reprompt while the caller speaks").hasSize(1);
  }

  @Test
  void theMaximumCallDurationEndsTheCallWithTheGoodbye() throws Exception {
    ConversationSettings shortCalls = new ConversationSettings(0.5f, 0.35f, Duration.ofMillis(60),
        Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofSeconds(15), Duration.ofMillis(1_500));
    openWith(LocalPipeline.none().withSettings(shortCalls), DIALPLAN);
    modelSpeaks(10_000); // still talking when the time is up
    session.onPlayoutStarted();

    awaitTrue(() -> call.played().contains("Goodbye."), Duration.ofSeconds(4));
    assertThat(call.all(Cleared.class)).as("the model is cut off for the goodbye").hasSize(1);
    session.onPlayoutDrained();
    session.onPlayoutStarted();
    session.onPlayoutDrained();
    awaitTrue(call::hungUp);
    assertThat(server.closeReceived.await(3, TimeUnit.SECONDS)).isTrue();
  }

  // ---------------------------------------------------------------- helpers

  private void openWith(LocalPipeline local, Dialplan dialplan) throws InterruptedException {
    session = new RealtimeSession("call-1", dialplan, settings(server.url()), engines(Optional.of(voice)), local, call, call);
    session.start();
    server.await("response.create");
  }

  /** The model answers the greeting with {@code ms} of audio, and its playout starts. */
  private void modelSpeaks(int ms) throws InterruptedException {
    server.send("type", "response.created", "response", Json.object("id", "resp_1"));
    server.sendAudio("resp_1", "item_1", ms);
    awaitTrue(() -> call.playedSamples() >= ms * 16 - 100);
    playoutStartedNanos = System.nanoTime();
    session.onPlayoutStarted();
  }

  /**
   * A caller in a voice that is not the bot's (flite kal16, phone band) talks while the model's
   * audio plays, frame by frame at the media clock's pace, until the bot is cleared; returns how
   * many frames after the first voiced one the session had taken by then.
   */
  private int speakOverTheBot(String text) throws InterruptedException {
    short[] speech = CallerCorpus.open().say(Voice.FLITE_KAL16, text, LineCondition.CLEAN).pcm16k();
    short[] frame = new short[320];
    int voicedFrames = 0;
    for (int at = 0; at + 320 <= speech.length; at += 320) {
      System.arraycopy(speech, at, frame, 0, 320);
      if (voicedFrames > 0 || loud(frame)) {
        voicedFrames++;
      }
      session.onAudioFrame(frame);
      Thread.sleep(20);
      // Counted in audio the session has taken, not in wall time: on a busy machine its actor
      // may run a few frames behind the caller, and that is not the VAD's latency.
      awaitTrue(() -> session.queuedFrames() == 0, Duration.ofSeconds(2));
      if (!call.all(Cleared.class).isEmpty()) {
        return voicedFrames;
      }
    }
    awaitTrue(() -> !call.all(Cleared.class).isEmpty(), Duration.ofMillis(500));
    return voicedFrames;
  }

  private static boolean loud(short[] frame) {
    long energy = 0;
    for (short s : frame) {
      energy += (long) s * s;
    }
    return Math.sqrt(energy / (double) frame.length) > 300;
  }

  private void open(Optional<SpeechSynthesizer> localVoice) {
    open(localVoice, server.url());
  }

  private void open(Optional<SpeechSynthesizer> localVoice, URI url) {
    session = new RealtimeSession("call-1", DIALPLAN, settings(url), engines(localVoice), call, call);
    session.start();
  }

  private static RealtimeSettings settings(URI url) {
    return RealtimeSettings.of(url, "gpt-realtime-test", "You answer the phone for Acme.")
        .withApiKeyEnv(KEY_VAR)
        .withTimeouts(new RealtimeSettings.Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(2)));
  }

  private RealtimeEngines engines(Optional<SpeechSynthesizer> localVoice) {
    return new RealtimeEngines(http, localVoice, pool, name -> KEY_VAR.equals(name) ? KEY : null);
  }

  private void feedFrames(int count) {
    short[] frame = new short[320];
    for (int i = 0; i < count; i++) {
      session.onAudioFrame(frame);
    }
  }

  private boolean apologyPlayed() {
    return call.all(Played.class).stream().anyMatch(p -> APOLOGY.equals(p.text()));
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    awaitTrue(condition, Duration.ofSeconds(5));
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  private static short[] concat(List<short[]> parts) {
    short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** Frequency from zero crossings: enough to tell a resampled 1 kHz tone from a mis-rated one. */
  private static double dominantFrequency(short[] pcm, int rate) {
    int crossings = 0;
    for (int i = 101; i < pcm.length; i++) {
      if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / ((pcm.length - 101) / (double) rate);
  }
}
