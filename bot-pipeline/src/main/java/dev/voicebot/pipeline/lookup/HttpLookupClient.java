package dev.voicebot.pipeline.lookup;

import dev.voicebot.pipeline.dialplan.Lookup;
import dev.voicebot.pipeline.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lookups over the JDK's HTTP client: asynchronous end to end (no thread waits for the server),
 * bounded by the lookup's timeout twice over: the request's own and the future's, so a server
 * that accepts and never answers cannot hold a call.
 */
public final class HttpLookupClient implements LookupClient {

  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

  private final HttpClient http;
  private final Supplier<URI> ownServer;
  private final Map<String, String> ownServerHeaders;

  /**
   * @param ownServer the bot's own HTTP server (e.g. {@code http://127.0.0.1:8080}), which URLs
   *     starting with {@code /} go to; asked per request, since the port is known only once it listens
   * @param ownServerHeaders sent only to the own server (its bearer token); never to other hosts
   */
  public HttpLookupClient(HttpClient http, Supplier<URI> ownServer, Map<String, String> ownServerHeaders) {
    this.http = http;
    this.ownServer = ownServer;
    this.ownServerHeaders = Map.copyOf(ownServerHeaders);
  }

  @Override
  public CompletableFuture<LookupOutcome> fetch(Lookup lookup, Map<String, String> variables) {
    HttpRequest request;
    try {
      request = request(lookup, variables);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new LookupOutcome.Failed("bad URL: " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .orTimeout(lookup.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((response, error) -> error == null ? outcome(lookup, response) : failed(lookup, error));
  }

  private HttpRequest request(Lookup lookup, Map<String, String> variables) {
    String expanded = expand(lookup.url(), variables);
    boolean own = expanded.startsWith("/");
    URI uri = own ? ownServer.get().resolve(expanded) : URI.create(expanded);
    var builder = HttpRequest.newBuilder(uri).timeout(lookup.timeout()).header("Accept", "application/json");
    if (own) {
      ownServerHeaders.forEach(builder::header);
    }
    if (lookup.method() == Lookup.Method.POST) {
      builder.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.from(new LinkedHashMap<String, Object>(variables)).toJson()));
    } else {
      builder.GET();
    }
    return builder.build();
  }

  /** The URL with each {@code {name}} replaced by its value, URL-encoded (a caller's words stay data). */
  static String expand(String template, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(
          URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    return m.appendTail(out).toString();
  }

  private static LookupOutcome outcome(Lookup lookup, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 404) {
      return new LookupOutcome.NotFound();
    }
    if (status / 100 != 2) {
      return new LookupOutcome.Failed("HTTP " + status);
    }
    Json body;
    try {
      body = Json.parse(response.body() == null ? "" : response.body());
    } catch (IllegalArgumentException e) {
      return new LookupOutcome.Failed("the answer is not JSON");
    }
    var values = new LinkedHashMap<String, String>();
    for (var field : lookup.fields().entrySet()) {
      String value = text(at(body, field.getValue()));
      if (value == null) {
        return new LookupOutcome.Failed("the answer has no field '" + field.getValue() + "'");
      }
      values.put(field.getKey(), value);
    }
    return new LookupOutcome.Found(values);
  }

  private static Json at(Json json, String path) {
    Json node = json;
    for (String part : path.split("\\.")) {
      node = node.get(part);
    }
    return node;
  }

  private static String text(Json json) {
    return switch (json) {
      case Json.Str s -> s.value();
      case Json.Num n -> n.literal();
      case Json.Bool b -> Boolean.toString(b.value());
      default -> null;
    };
  }

  private static LookupOutcome failed(Lookup lookup, Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof HttpTimeoutException) {
      return new LookupOutcome.Failed("no answer within " + lookup.timeout().toMillis() + " ms");
    }
    return new LookupOutcome.Failed("unreachable (" + cause.getClass().getSimpleName() + ")");
  }
}
