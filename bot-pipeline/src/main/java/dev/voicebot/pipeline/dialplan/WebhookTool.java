package dev.voicebot.pipeline.dialplan;

import dev.voicebot.pipeline.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dialplan-defined tool the language model may call: the bot sends the model's arguments as a
 * JSON body to {@code url}, and the response body (truncated) becomes the tool's result.
 *
 * @param name the function name the model sees ({@code [A-Za-z0-9_-]}, at most 64 characters)
 * @param description tells the model when to use it
 * @param parameters the JSON schema of the arguments (an object schema); the app can build it
 *     from YAML with {@link Json#from}
 * @param url where the arguments are sent
 * @param method POST, PUT or PATCH
 * @param timeout the whole exchange; a slower endpoint becomes an error result for the model
 */
public record WebhookTool(String name, String description, Json parameters, URI url, String method, Duration timeout) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

  public WebhookTool {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name must match " + NAME + ": " + name);
    }
    Objects.requireNonNull(description, "description");
    if (!(parameters instanceof Json.Obj)) {
      throw new IllegalArgumentException("tool " + name + ": parameters must be a JSON schema object");
    }
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("tool " + name + ": url must be http or https");
    }
    method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("tool " + name + ": method must be one of " + METHODS);
    }
    LlmSettings.requirePositive(timeout, "tool " + name + " timeout");
  }
}
