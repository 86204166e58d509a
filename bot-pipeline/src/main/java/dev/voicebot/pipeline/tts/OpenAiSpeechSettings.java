package dev.voicebot.pipeline.tts;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how {@link OpenAiSpeechSynthesizer} asks an OpenAI-compatible {@code /v1/audio/speech}
 * server for audio.
 *
 * @param baseUrl the server without {@code /v1}, e.g. {@code https://api.openai.com} or {@code http://127.0.0.1:8880}
 * @param model e.g. {@code tts-1}, {@code gpt-4o-mini-tts}, {@code kokoro}
 * @param voice e.g. {@code alloy}
 * @param apiKeyEnv the name of the environment variable holding the API key (never the key itself);
 *     empty for servers without authentication
 * @param timeout the whole budget of one request: connecting, synthesis, and reading the audio
 * @param format {@value #WAV} (any rate, mono 16-bit) or {@value #PCM} (raw 24 kHz mono 16-bit little-endian)
 */
public record OpenAiSpeechSettings(
    URI baseUrl, String model, String voice, Optional<String> apiKeyEnv, Duration timeout, String format) {

  public static final String WAV = "wav";
  public static final String PCM = "pcm";
  private static final Set<String> FORMATS = Set.of(WAV, PCM);

  public OpenAiSpeechSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    Objects.requireNonNull(timeout, "timeout");
    String scheme = baseUrl.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http or https URL: " + baseUrl);
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must be set");
    }
    if (voice == null || voice.isBlank()) {
      throw new IllegalArgumentException("voice must be set");
    }
    if (apiKeyEnv.isPresent() && apiKeyEnv.get().isBlank()) {
      throw new IllegalArgumentException("apiKeyEnv, when present, must name an environment variable");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (format == null || !FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be \"wav\" or \"pcm\": " + format);
    }
  }

  /** The endpoint: {@code {baseUrl}/v1/audio/speech} (a trailing slash on the base is ignored). */
  public URI speechUri() {
    String base = baseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/v1/audio/speech");
  }
}
