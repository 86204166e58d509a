package dev.voicebot.pipeline.dialplan;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dialplan's optional language-model brain: an OpenAI-compatible chat completions server
 * (Ollama, vLLM, llama.cpp server, OpenAI, Groq) that answers what the caller says, with the
 * dialplan's script as the fallback when it fails.
 *
 * @param baseUrl the server; requests go to {@code {baseUrl}/v1/chat/completions} (a base that
 *     already ends in {@code /v1} is accepted as is)
 * @param model the model name the server expects
 * @param apiKeyEnv the name of the environment variable holding the API key, if the server needs
 *     one; the key itself never appears in a dialplan or a log
 * @param systemPrompt the persona and instructions, sent first in every request
 * @param temperature sampling temperature, if not the server's default
 * @param maxTokens reply length cap, if not the server's default
 * @param historyTokenBudget the conversation history sent with each request is trimmed to about
 *     this many tokens (estimated at four characters per token); the system prompt and the
 *     caller's latest words are always kept
 * @param timeouts limits of one request
 * @param fillerDelay when the model has produced nothing this long after the caller finished,
 *     the bot says {@code filler} (once per turn)
 * @param filler a short phrase covering a slow model ("One moment.")
 * @param transferFailed said when a transfer the model asked for did not go through
 * @param tools the dialplan's HTTP webhook tools, offered to the model beside the built-in ones
 */
public record LlmSettings(
    URI baseUrl,
    String model,
    Optional<String> apiKeyEnv,
    String systemPrompt,
    OptionalDouble temperature,
    OptionalInt maxTokens,
    int historyTokenBudget,
    Timeouts timeouts,
    Duration fillerDelay,
    String filler,
    String transferFailed,
    List<WebhookTool> tools) {

  /** Names of the built-in tools; webhook tools may not take them. */
  public static final Set<String> BUILT_IN_TOOLS = Set.of("transfer_call", "end_call", "send_dtmf");

  public static final int DEFAULT_HISTORY_TOKEN_BUDGET = 3000;
  public static final Duration DEFAULT_FILLER_DELAY = Duration.ofMillis(1200);
  public static final String DEFAULT_FILLER = "One moment.";
  public static final String DEFAULT_TRANSFER_FAILED = "Sorry, I could not transfer your call.";

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public LlmSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
      throw new IllegalArgumentException("llm baseUrl must be http or https: " + baseUrl);
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("llm model must be set");
    }
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    apiKeyEnv.filter(name -> !ENV_NAME.matcher(name).matches()).ifPresent(name -> {
      throw new IllegalArgumentException("llm apiKeyEnv must be an environment variable name, not a key");
    });
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(maxTokens, "maxTokens");
    if (temperature.isPresent() && !(temperature.getAsDouble() >= 0 && temperature.getAsDouble() <= 2)) {
      throw new IllegalArgumentException("llm temperature must be in [0, 2]");
    }
    if (maxTokens.isPresent() && maxTokens.getAsInt() < 1) {
      throw new IllegalArgumentException("llm maxTokens must be positive");
    }
    if (historyTokenBudget < 100) {
      throw new IllegalArgumentException("llm historyTokenBudget must be at least 100");
    }
    Objects.requireNonNull(timeouts, "timeouts");
    requirePositive(fillerDelay, "fillerDelay");
    Objects.requireNonNull(filler, "filler");
    Objects.requireNonNull(transferFailed, "transferFailed");
    tools = List.copyOf(tools);
    Set<String> names = new HashSet<>();
    for (WebhookTool tool : tools) {
      if (BUILT_IN_TOOLS.contains(tool.name()) || !names.add(tool.name())) {
        throw new IllegalArgumentException("llm tool name is taken: " + tool.name());
      }
    }
  }

  /** The defaults for everything but the server, the model and the persona. */
  public static LlmSettings of(URI baseUrl, String model, String systemPrompt) {
    return new LlmSettings(baseUrl, model, Optional.empty(), systemPrompt, OptionalDouble.empty(),
        OptionalInt.empty(), DEFAULT_HISTORY_TOKEN_BUDGET, Timeouts.defaults(), DEFAULT_FILLER_DELAY,
        DEFAULT_FILLER, DEFAULT_TRANSFER_FAILED, List.of());
  }

  public LlmSettings withApiKeyEnv(String name) {
    return new LlmSettings(baseUrl, model, Optional.of(name), systemPrompt, temperature, maxTokens,
        historyTokenBudget, timeouts, fillerDelay, filler, transferFailed, tools);
  }

  public LlmSettings withSampling(OptionalDouble temperature, OptionalInt maxTokens) {
    return new LlmSettings(baseUrl, model, apiKeyEnv, systemPrompt, temperature, maxTokens,
        historyTokenBudget, timeouts, fillerDelay, filler, transferFailed, tools);
  }

  public LlmSettings withHistoryTokenBudget(int tokens) {
    return new LlmSettings(baseUrl, model, apiKeyEnv, systemPrompt, temperature, maxTokens,
        tokens, timeouts, fillerDelay, filler, transferFailed, tools);
  }

  public LlmSettings withTimeouts(Timeouts timeouts) {
    return new LlmSettings(baseUrl, model, apiKeyEnv, systemPrompt, temperature, maxTokens,
        historyTokenBudget, timeouts, fillerDelay, filler, transferFailed, tools);
  }

  public LlmSettings withFiller(Duration delay, String phrase) {
    return new LlmSettings(baseUrl, model, apiKeyEnv, systemPrompt, temperature, maxTokens,
        historyTokenBudget, timeouts, delay, phrase, transferFailed, tools);
  }

  public LlmSettings withTools(List<WebhookTool> tools) {
    return new LlmSettings(baseUrl, model, apiKeyEnv, systemPrompt, temperature, maxTokens,
        historyTokenBudget, timeouts, fillerDelay, filler, transferFailed, tools);
  }

  /**
   * Limits of one chat request.
   *
   * @param connect establishing the TCP/TLS connection
   * @param firstToken from sending the request to the first piece of the answer (text or tool call)
   * @param idle longest gap between streamed pieces once the answer has started
   * @param request the whole request, however steadily it streams
   */
  public record Timeouts(Duration connect, Duration firstToken, Duration idle, Duration request) {
    public Timeouts {
      requirePositive(connect, "connect timeout");
      requirePositive(firstToken, "firstToken timeout");
      requirePositive(idle, "idle timeout");
      requirePositive(request, "request timeout");
    }

    /** 2 s to connect, 3 s to the first token, 5 s between tokens, 30 s in all. */
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
  }

  static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
