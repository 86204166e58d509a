package dev.voicebot.pipeline.realtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A dialplan's speech-to-speech model: an OpenAI-Realtime-compatible WebSocket endpoint that
 * replaces STT, brain and TTS for its calls.
 *
 * @param url the endpoint without the model, e.g. {@code wss://api.openai.com/v1/realtime}
 * @param model sent as the {@code model} query parameter
 * @param apiKeyEnv the name of the environment variable holding the API key, if the server needs
 *     one; the key itself never appears in a dialplan or a log
 * @param instructions the persona and rules (the session's system instructions)
 * @param voice the model's voice, e.g. {@code alloy}
 * @param transcriptionModel transcribes the caller for the call record (e.g. {@code whisper-1});
 *     empty means no caller transcript
 * @param temperature sampling temperature, if not the server's default (the API allows 0.6-1.2)
 * @param turnDetection the server VAD's tuning
 * @param timeouts limits that keep the call from ever going silent
 */
public record RealtimeSettings(
    URI url,
    String model,
    Optional<String> apiKeyEnv,
    String instructions,
    String voice,
    Optional<String> transcriptionModel,
    OptionalDouble temperature,
    TurnDetection turnDetection,
    Timeouts timeouts) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public RealtimeSettings {
    Objects.requireNonNull(url, "url");
    if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
      throw new IllegalArgumentException("realtime url must be ws or wss: " + url);
    }
    if (url.getRawQuery() != null) {
      throw new IllegalArgumentException("realtime url must not carry a query; the model is added to it");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("realtime model must be set");
    }
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    apiKeyEnv.filter(name -> !ENV_NAME.matcher(name).matches()).ifPresent(name -> {
      throw new IllegalArgumentException("realtime apiKeyEnv must be an environment variable name, not a key");
    });
    Objects.requireNonNull(instructions, "instructions");
    if (voice == null || voice.isBlank()) {
      throw new IllegalArgumentException("realtime voice must be set");
    }
    Objects.requireNonNull(transcriptionModel, "transcriptionModel");
    Objects.requireNonNull(temperature, "temperature");
    if (temperature.isPresent() && !(temperature.getAsDouble() >= 0.6 && temperature.getAsDouble() <= 1.2)) {
      throw new IllegalArgumentException("realtime temperature must be in [0.6, 1.2]");
    }
    Objects.requireNonNull(turnDetection, "turnDetection");
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** The defaults for everything but the endpoint, the model and the persona. */
  public static RealtimeSettings of(URI url, String model, String instructions) {
    return new RealtimeSettings(url, model, Optional.empty(), instructions, "alloy", Optional.of("whisper-1"),
        OptionalDouble.empty(), TurnDetection.defaults(), Timeouts.defaults());
  }

  public RealtimeSettings withApiKeyEnv(String name) {
    return new RealtimeSettings(url, model, Optional.of(name), instructions, voice, transcriptionModel, temperature,
        turnDetection, timeouts);
  }

  public RealtimeSettings withVoice(String voice) {
    return new RealtimeSettings(url, model, apiKeyEnv, instructions, voice, transcriptionModel, temperature,
        turnDetection, timeouts);
  }

  public RealtimeSettings withTimeouts(Timeouts timeouts) {
    return new RealtimeSettings(url, model, apiKeyEnv, instructions, voice, transcriptionModel, temperature,
        turnDetection, timeouts);
  }

  /** The URI the session connects to: the endpoint with the model as its query. */
  public URI endpoint() {
    return URI.create(url + "?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
  }

  /**
   * The server's voice activity detection, which decides when the caller starts (barge-in) and
   * stops (the model answers).
   *
   * @param threshold speech probability, 0-1; higher needs louder speech (noisy lines)
   * @param prefixPadding audio before the detected onset kept in the caller's turn
   * @param silence silence that ends the caller's turn
   */
  public record TurnDetection(double threshold, Duration prefixPadding, Duration silence) {
    public TurnDetection {
      if (!(threshold > 0 && threshold < 1)) {
        throw new IllegalArgumentException("turn detection threshold must be in (0, 1)");
      }
      requirePositive(prefixPadding, "prefixPadding");
      requirePositive(silence, "silence");
    }

    /** 0.5, 300 ms of padding, 500 ms of silence ends a turn (the lessons' ~0.5 s endpoint). */
    public static TurnDetection defaults() {
      return new TurnDetection(0.5, Duration.ofMillis(300), Duration.ofMillis(500));
    }
  }

  /**
   * @param connect TCP, TLS and the WebSocket handshake
   * @param reply from the end of the caller's turn to the model's first audio or tool call; past
   *     it the model is taken for down
   * @param transfer longest wait for a transfer's outcome (above the SIP layer's own 30 s NOTIFY wait)
   * @param apology longest wait for the local voice to synthesize the apology before hanging up
   */
  public record Timeouts(Duration connect, Duration reply, Duration transfer, Duration apology) {
    public Timeouts {
      requirePositive(connect, "connect timeout");
      requirePositive(reply, "reply timeout");
      requirePositive(transfer, "transfer timeout");
      requirePositive(apology, "apology timeout");
    }

    /** 5 s to connect, 8 s to a reply, 35 s for a transfer, 3 s for the apology. */
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(35), Duration.ofSeconds(3));
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
