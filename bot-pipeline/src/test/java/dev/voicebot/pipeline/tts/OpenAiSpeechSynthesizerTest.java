package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voicebot.pipeline.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiSpeechSynthesizerTest {

  private static final String KEY = "sk-test-SECRET-4242";
  private static final Map<String, String> ENV = Map.of("TTS_KEY", KEY);

  /** What the fake server received. */
  record Received(String method, String path, String body, Optional<String> authorization) {}

  interface Reply {
    void handle(HttpExchange exchange) throws IOException;
  }

  private HttpServer server;
  private volatile Reply reply;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void startFakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            new String(body, StandardCharsets.UTF_8),
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
        reply.handle(exchange);
      }
    });
    server.start();
  }

  @AfterEach
  void stopFakeServer() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private OpenAiSpeechSettings settings(String format, Optional<String> keyEnv, Duration timeout) {
    return new OpenAiSpeechSettings(base(), "tts-1", "alloy", keyEnv, timeout, format);
  }

  private OpenAiSpeechSynthesizer synthesizer(String format, Optional<String> keyEnv) {
    return new OpenAiSpeechSynthesizer(settings(format, keyEnv, Duration.ofSeconds(5)), ENV::get);
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static short[] sine(int rate, int count, double hz, double amplitude) {
    short[] s = new short[count];
    for (int i = 0; i < count; i++) {
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  private static byte[] littleEndian(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }

  /** The largest difference from a 16 kHz sine of the same tone, away from the edges. */
  private static double maxErrorAgainst(short[] out, double hz, double amplitude) {
    double worst = 0;
    for (int i = 100; i < out.length - 100; i++) {
      worst = Math.max(worst, Math.abs(out[i] - amplitude * Math.sin(2 * Math.PI * hz * i / 16_000)));
    }
    return worst;
  }

  @Test
  void aTwentyFourKilohertzWavComesBackAsSixteenKilohertzOfTheSameDuration() throws Exception {
    short[] second = sine(24_000, 24_000, 300, 10_000);
    reply = ex -> send(ex, 200, "audio/wav", RiffWavTest.wav(24_000, 1, second));
    try (var tts = synthesizer("wav", Optional.empty())) {
      short[] out = tts.synthesize("Hello there.");
      assertThat(out).hasSize(16_000);
      assertThat(maxErrorAgainst(out, 300, 10_000)).isLessThan(600); // same tone, in phase: delay compensated
    }
  }

  @Test
  void sixteenKilohertzWavIsPassedThrough() throws Exception {
    reply = ex -> send(ex, 200, "audio/wav", RiffWavTest.wav(16_000, 1, (short) 1, (short) 2, (short) 3));
    try (var tts = synthesizer("wav", Optional.empty())) {
      assertThat(tts.synthesize("Hi.")).containsExactly((short) 1, (short) 2, (short) 3);
    }
  }

  @Test
  void rawPcmIsReadAsTwentyFourKilohertzAndResampled() throws Exception {
    short[] half = sine(24_000, 12_000, 300, 8_000);
    reply = ex -> send(ex, 200, "audio/pcm", littleEndian(half));
    try (var tts = synthesizer("pcm", Optional.empty())) {
      short[] out = tts.synthesize("Hello there.");
      assertThat(out).hasSize(8_000);
      assertThat(maxErrorAgainst(out, 300, 8_000)).isLessThan(500);
    }
    assertThat(Json.parse(received.peek().body()).get("response_format").string()).contains("pcm");
  }

  @Test
  void postsModelVoiceInputAndFormatWithTheBearerKey() throws Exception {
    reply = ex -> send(ex, 200, "audio/wav", RiffWavTest.wav(24_000, 1, new short[240]));
    String text = "Say \"42\" — café.\nThanks";
    try (var tts = synthesizer("wav", Optional.of("TTS_KEY"))) {
      tts.synthesize(text);
    }
    Received r = received.poll();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/audio/speech");
    Json body = Json.parse(r.body());
    assertThat(body.get("model").string()).contains("tts-1");
    assertThat(body.get("voice").string()).contains("alloy");
    assertThat(body.get("input").string()).contains(text);
    assertThat(body.get("response_format").string()).contains("wav");
    assertThat(r.authorization()).contains("Bearer " + KEY);
  }

  @Test
  void noKeyConfiguredSendsNoAuthorizationHeader() throws Exception {
    reply = ex -> send(ex, 200, "audio/wav", RiffWavTest.wav(24_000, 1, new short[240]));
    try (var tts = synthesizer("wav", Optional.empty())) {
      tts.synthesize("Hello.");
    }
    assertThat(received.poll().authorization()).isEmpty();
  }

  @Test
  void blankTextMakesNoRequest() throws Exception {
    reply = ex -> send(ex, 500, "text/plain", new byte[0]);
    try (var tts = synthesizer("wav", Optional.empty())) {
      assertThat(tts.synthesize("  ")).isEmpty();
    }
    assertThat(received).isEmpty();
  }

  @Test
  void serverErrorNamesTheStatusAndTheProvidersMessage() {
    reply = ex -> send(ex, 500, "application/json",
        "{\"error\":{\"message\":\"voice model crashed\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8));
    try (var tts = synthesizer("wav", Optional.empty())) {
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("HTTP 500")
          .hasMessageContaining("voice model crashed");
    }
  }

  @Test
  void rateLimitNamesTheStatusAndTruncatesALongMessage() {
    String longMessage = "Rate limit reached. " + "x".repeat(5_000);
    reply = ex -> send(ex, 429, "text/plain", longMessage.getBytes(StandardCharsets.UTF_8));
    try (var tts = synthesizer("wav", Optional.empty())) {
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("HTTP 429")
          .hasMessageContaining("Rate limit reached.")
          .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }
  }

  @Test
  void aSlowServerFailsWithinTheTimeout() throws Exception {
    reply = ex -> {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    var tts = new OpenAiSpeechSynthesizer(settings("wav", Optional.empty(), Duration.ofMillis(300)), ENV::get);
    try (tts) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("did not answer within PT0.3S");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  void aBodyThatTricklesIsBoundedByTheTimeoutToo() throws Exception {
    reply = ex -> {
      ex.getResponseHeaders().set("Content-Type", "audio/wav");
      ex.sendResponseHeaders(200, 0); // chunked
      OutputStream out = ex.getResponseBody();
      try {
        for (int i = 0; i < 50; i++) {
          out.write(new byte[] {0, 0});
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException | IOException e) {
        // client gave up
      }
    };
    var tts = new OpenAiSpeechSynthesizer(settings("pcm", Optional.empty(), Duration.ofMillis(300)), ENV::get);
    try (tts) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> tts.synthesize("Hello.")).isInstanceOf(SynthesisException.class)
          .hasMessageContaining("did not answer within");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }
  }

  @Test
  void badAudioIsASynthesisException() {
    reply = ex -> send(ex, 200, "audio/wav", "not a wave at all".getBytes(StandardCharsets.UTF_8));
    try (var tts = synthesizer("wav", Optional.empty())) {
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("not RIFF/WAVE");
    }
  }

  @Test
  void jsonInsteadOfAudioIsASynthesisException() {
    reply = ex -> send(ex, 200, "application/json", "{\"detail\":\"unknown voice\"}".getBytes(StandardCharsets.UTF_8));
    try (var tts = synthesizer("pcm", Optional.empty())) {
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("instead of audio")
          .hasMessageContaining("unknown voice");
    }
  }

  @Test
  void theKeyNeverAppearsInMessagesOrToString() {
    // A server that echoes the request's Authorization header in its error.
    reply = ex -> send(ex, 401, "application/json",
        ("{\"error\":{\"message\":\"Incorrect API key: " + ex.getRequestHeaders().getFirst("Authorization") + "\"}}")
            .getBytes(StandardCharsets.UTF_8));
    try (var tts = synthesizer("wav", Optional.of("TTS_KEY"))) {
      assertThatThrownBy(() -> tts.synthesize("Hello."))
          .isInstanceOf(SynthesisException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("Incorrect API key")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
      assertThat(tts.toString()).doesNotContain(KEY).contains("TTS_KEY");
      assertThat(settings("wav", Optional.of("TTS_KEY"), Duration.ofSeconds(1)).toString()).doesNotContain(KEY);
    }
  }

  @Test
  void anUnsetKeyVariableIsRefusedAtConstructionNamingIt() {
    assertThatThrownBy(() -> new OpenAiSpeechSynthesizer(
            settings("wav", Optional.of("NO_SUCH_VAR"), Duration.ofSeconds(1)), ENV::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NO_SUCH_VAR");
  }

  @Test
  void anUnreachableServerIsASynthesisException() throws Exception {
    int port = FreePort.find();
    var s = new OpenAiSpeechSettings(URI.create("http://127.0.0.1:" + port), "tts-1", "alloy", Optional.empty(),
        Duration.ofSeconds(2), "wav");
    try (var tts = new OpenAiSpeechSynthesizer(s, ENV::get)) {
      assertThatThrownBy(() -> tts.synthesize("Hello.")).isInstanceOf(SynthesisException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void aClosedSynthesizerRefuses() {
    var tts = synthesizer("wav", Optional.empty());
    tts.close();
    assertThatThrownBy(() -> tts.synthesize("Hello.")).isInstanceOf(SynthesisException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> settings("mp3", Optional.empty(), Duration.ofSeconds(1)))
        .hasMessageContaining("mp3");
    assertThatThrownBy(() -> settings("wav", Optional.empty(), Duration.ZERO))
        .hasMessageContaining("timeout");
    assertThat(new OpenAiSpeechSettings(URI.create("https://api.openai.com/"), "tts-1", "alloy", Optional.empty(),
            Duration.ofSeconds(1), "wav").speechUri())
        .hasToString("https://api.openai.com/v1/audio/speech");
  }
}
