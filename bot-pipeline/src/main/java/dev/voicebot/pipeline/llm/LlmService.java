package dev.voicebot.pipeline.llm;

import dev.voicebot.pipeline.brain.Brain;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.LlmSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM machinery shared by all calls: HTTP clients (one per connect timeout; HTTP/1.1 so a
 * cancelled stream closes its own connection; I/O on virtual threads) and API keys read from the
 * environment. Create one per application, close it at shutdown.
 */
public final class LlmService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LlmService.class);

  private final Function<String, String> environment;
  private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
  private final Set<String> missingKeysReported = ConcurrentHashMap.newKeySet();

  /** Reads API keys from the process environment. */
  public LlmService() {
    this(System::getenv);
  }

  /** @param environment looks up an environment variable by name (null if unset) */
  public LlmService(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * A brain for one call of an LLM dialplan.
   *
   * @param fallback the call's scripted brain, which answers when the model fails
   * @param post delivers the brain's I/O results to the conversation's mailbox
   */
  public LlmBrain brain(String callId, Dialplan dialplan, Brain fallback, Consumer<LlmEvent> post) {
    LlmSettings settings = dialplan.llm().orElseThrow(() -> new IllegalArgumentException("dialplan has no llm settings"));
    HttpClient http = http(settings.timeouts().connect());
    LlmEndpoint endpoint = LlmEndpoint.of(settings, environment);
    settings.apiKeyEnv()
        .filter(name -> endpoint.apiKey().isEmpty() && missingKeysReported.add(name))
        .ifPresent(name -> log.warn("Dialplan '{}': environment variable {} is not set; calling {} without an API key",
            dialplan.name(), name, endpoint.chatUrl()));
    return new LlmBrain(callId, dialplan, fallback, new ChatCompletionsClient(http, endpoint), new WebhookClient(http), post);
  }

  private HttpClient http(Duration connectTimeout) {
    return clients.computeIfAbsent(connectTimeout, timeout -> HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(io)
        .build());
  }

  @Override
  public void close() {
    clients.values().forEach(HttpClient::shutdownNow);
    clients.clear();
    io.shutdownNow();
  }
}
