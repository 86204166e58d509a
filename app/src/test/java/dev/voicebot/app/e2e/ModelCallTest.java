package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.CallTimeline;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.harness.PacketCapture;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.llm.FakeLlmServer;
import dev.voicebot.pipeline.realtime.FakeRealtimeServer;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIPp calls to the running bot for dialplans whose brain is a model: an OpenAI-compatible
 * chat server ({@code llm:}) or a Realtime speech-to-speech server ({@code realtime:}), both
 * loopback fakes that speak the exact wire protocols (the only fakes: those APIs are paid). What
 * the caller heard is captured from RTP and transcribed, so the assertions are about the caller's
 * ear, including when the model fails.
 */
@Timeout(150)
class ModelCallTest {

  private static final int SIP_PORT = 25760;
  private static final int RTP_MIN = 28400;
  private static final AtomicInteger SIPP_PORTS = new AtomicInteger(25800);
  private static final String LLM_ANSWER = "Our shop is open every day from eight in the morning.";
  private static final String REALTIME_GREETING = "Hello, you are talking to the speech model. What can I do for you?";

  @TempDir static Path work;
  static FakeLlmServer llm;
  static FakeRealtimeServer realtime;
  static RunningBot bot;
  static Sipp sipp;
  static Transcriber transcriber;

  /** A dialplan of the model's kind: the script's hours intent is what the bot falls back to. */
  private static String dialplan(String number, String model) {
    return """
        name: Model line %s
        numbers: ["%s"]
        greeting: Thank you for calling. How can I help you today?
        reprompt: Sorry, I did not get that.
        goodbye: Goodbye!
        apology: Sorry, I am having a technical problem.
        silence:
          timeout: 30s
          prompt: Are you still there?
        intents:
          - name: hours
            phrases: [what are your opening hours, when are you open]
            reply: We are open from nine to five, Monday to Friday.
        %s
        """.formatted(number, number, model.strip());
  }

  @BeforeAll
  static void startBot() throws IOException {
    llm = new FakeLlmServer();
    realtime = new FakeRealtimeServer();
    String unreachable;
    try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      unreachable = "ws://127.0.0.1:" + closed.getLocalPort() + "/v1/realtime";
    }
    var dialplans = Map.of(
        "llm.yaml", dialplan("llm", """
            llm:
              base-url: %s
              model: test-model
              system-prompt: You answer the phone for a shop. Be brief.
            """.formatted(llm.baseUrl())),
        "realtime.yaml", dialplan("realtime", """
            realtime:
              url: %s
              model: gpt-realtime-test
              instructions: You answer the phone for a shop. Be brief.
            """.formatted(realtime.url())),
        "realtime-down.yaml", dialplan("realtime-down", """
            realtime:
              url: %s
              model: gpt-realtime-test
              instructions: You answer the phone for a shop. Be brief.
            """.formatted(unreachable)));
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, dialplans, Map.of());
    sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
    transcriber = new Transcriber(bot.bean(SpeechRecognizer.class));
  }

  @AfterAll
  static void stopAll() throws IOException {
    if (bot != null) {
      bot.close();
    }
    if (llm != null) {
      llm.close();
    }
    if (realtime != null) {
      realtime.close();
    }
  }

  @Test
  void aCallerAskingAnLlmLineHearsTheModelsStreamedAnswer() throws Exception {
    llm.enqueue(FakeLlmServer.stream().role().tokens("Our shop is open ", "every day ", "from eight ", "in the morning.")
        .end());

    String heard = askOpeningHours("llm-answer", "llm");

    assertThat(heard).contains("every day").contains("eight").contains("morning");
    assertThat(llm.messages(0).getLast().get("content").string().orElse("")).contains("hours");
    assertThat(lastRecord().transcript()).anySatisfy(line -> assertThat(line.text()).isEqualTo(LLM_ANSWER));
  }

  @Test
  void aCallerOfAnLlmLineWhoseModelFailsHearsTheApologyAndTheScriptsAnswer() throws Exception {
    llm.enqueue(new FakeLlmServer.Status(500, "{\"error\":{\"message\":\"the model crashed\"}}"));

    String heard = askOpeningHours("llm-500", "llm");

    assertThat(heard).as("never silence: the apology, then the script").contains("technical problem");
    assertThat(heard).contains("nine").contains("five");
  }

  @Test
  void aCallerOfARealtimeLineHearsTheModelsAudio() throws Exception {
    short[] greeting24k = new CallerVoice(work.resolve("realtime-voice")).speak(REALTIME_GREETING, 24_000);
    // The model's side, as the Realtime API sends it: the greeting's audio as base64 pcm16 deltas. On a
    // thread of its own: the JDK's WebSocket client finishes its handshake on the common pool.
    CompletableFuture<Void> model = CompletableFuture.runAsync(() -> {
      try {
        realtime.await("session.update", Duration.ofSeconds(20));
        realtime.await("response.create", Duration.ofSeconds(5));
        realtime.send("type", "response.created", "response", Json.object("id", "resp_1", "status", "in_progress"));
        realtime.sendAudio("resp_1", "item_1", greeting24k);
        realtime.send("type", "response.audio_transcript.done", "response_id", "resp_1", "item_id", "item_1",
            "output_index", 0, "content_index", 0, "transcript", REALTIME_GREETING);
        realtime.send("type", "response.done", "response", Json.object("id", "resp_1", "status", "completed"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, runnable -> Thread.ofVirtual().name("fake-model").start(runnable));

    String heard = askOpeningHours("realtime-answer", "realtime");

    model.get(5, TimeUnit.SECONDS);
    assertThat(heard).contains("hello").contains("speech model");
    assertThat(heard).as("the model answered: no fallback").doesNotContain("technical problem");
  }

  @Test
  void aCallerOfARealtimeLineWhoseModelIsUnreachableHearsTheApologyAndTheLocalPipelineAnswers() throws Exception {
    String heard = askOpeningHours("realtime-down", "realtime-down");

    assertThat(heard).as("never silence: the apology first").contains("technical problem");
    assertThat(heard).as("the cascaded pipeline answers the question").contains("nine").contains("five");
    assertThat(lastRecord().transcript()).anySatisfy(line -> {
      assertThat(line.speaker()).isEqualTo("CALLER");
      assertThat(line.text()).contains("hours");
    });
  }

  /** One call: the caller asks for the opening hours; returns what the bot said, transcribed from its RTP. */
  private static String askOpeningHours(String name, String number) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(work.resolve(name));
    short[] speech = new CallerVoice(dir).speak8k("What are your opening hours?");
    RtpPcapWriter.writePcmu(CallerVoice.pad(speech, 0.2, 0.6), dir.resolve("caller.pcap"));
    Sipp.Result result;
    List<CapturedRtp.Packet> packets;
    try (var capture = PacketCapture.start(dir, name, RTP_MIN, RTP_MIN + 199)) {
      int port = SIPP_PORTS.getAndAdd(4);
      result = sipp.call("ask-question", number, dir, port, port + 2, Duration.ofSeconds(60));
      packets = capture.stop();
    }
    assertThat(result.passed()).as(result.output()).isTrue();
    return transcriber.transcribe8k(CallTimeline.of(packets, bot.rtpMin(), bot.rtpMax()).bot().pcm8k());
  }

  private static CallRecord lastRecord() throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (store.list().isEmpty() || store.list().getFirst().endedAt() == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the call was not recorded as ended");
      }
      Thread.sleep(20);
    }
    return store.list().getFirst();
  }
}
