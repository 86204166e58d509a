package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.dialplan.LlmSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how to reach a chat completions server. Holds the resolved API key, so its
 * {@link #toString} leaves the key out.
 */
public record LlmEndpoint(URI chatUrl, Optional<String> apiKey, LlmSettings.Timeouts timeouts) {

  public LlmEndpoint {
    Objects.requireNonNull(chatUrl, "chatUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** The endpoint of a dialplan's settings, reading the key from the named environment variable. */
  public static LlmEndpoint of(LlmSettings settings, Function<String, String> environment) {
    Optional<String> key = settings.apiKeyEnv().map(environment).filter(k -> !k.isBlank());
    return new LlmEndpoint(chatUrl(settings.baseUrl()), key, settings.timeouts());
  }

  /** {@code {base}/v1/chat/completions}; a base already ending in {@code /v1} is not doubled. */
  static URI chatUrl(URI base) {
    String text = base.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text.endsWith("/v1") ? text + "/chat/completions" : text + "/v1/chat/completions");
  }

  @Override
  public String toString() {
    return "LlmEndpoint[" + chatUrl + (apiKey.isPresent() ? ", with API key" : "") + "]";
  }
}
