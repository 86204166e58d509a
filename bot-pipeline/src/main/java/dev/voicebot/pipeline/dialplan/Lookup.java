package dev.voicebot.pipeline.dialplan;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request made once an intent's slots are filled, whose answer the bot speaks: the
 * business's own data (an order's status) behind a scripted line.
 *
 * @param url where to ask; {@code {name}} is replaced by the variable's value (URL-encoded). A URL
 *     starting with {@code /} goes to the bot's own HTTP server
 * @param method GET, or POST with the call's variables as a JSON object
 * @param timeout how long the answer may take before the caller hears {@code fallback}
 * @param fields variable name to the JSON field (dotted path, e.g. {@code order.status}) of the
 *     answer it takes its value from
 * @param filler said when the answer takes longer than {@code fillerDelay}, so the caller never
 *     hears silence
 * @param fillerDelay how long the bot waits quietly for the answer before the filler
 * @param found said with the answer's variables when the lookup found something (HTTP 2xx)
 * @param notFound said when the server answered 404
 * @param fallback said when the lookup failed, was too slow, or its answer lacked a field
 * @param foundWhen said instead of {@code found} when the answer's variables hold given values
 *     (the first case that holds): "delivered" orders get other words than ones on their way
 */
public record Lookup(
    String url, Method method, Duration timeout, Map<String, String> fields, String filler, Duration fillerDelay,
    String found, String notFound, String fallback, List<Case> foundWhen) {

  /**
   * A reply for answers whose variables hold these values.
   *
   * @param when variable name to the value it must hold (compared ignoring case)
   */
  public record Case(Map<String, String> when, String say) {
    public Case {
      when = Map.copyOf(when);
      Objects.requireNonNull(say, "say");
      if (when.isEmpty()) {
        throw new IllegalArgumentException("a case needs a condition");
      }
    }

    boolean holds(Map<String, String> variables) {
      return when.entrySet().stream().allMatch(e -> e.getValue().equalsIgnoreCase(variables.getOrDefault(e.getKey(), "")));
    }
  }

  /** The request's HTTP method. */
  public enum Method {
    GET,
    POST
  }

  public Lookup {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(timeout, "timeout");
    // Insertion order kept: the variables are filled in the dialplan's order.
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(filler, "filler");
    Objects.requireNonNull(fillerDelay, "fillerDelay");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(notFound, "notFound");
    Objects.requireNonNull(fallback, "fallback");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("lookup timeout must be positive");
    }
    foundWhen = List.copyOf(foundWhen);
  }

  /** One reply for every answer found. */
  public Lookup(String url, Method method, Duration timeout, Map<String, String> fields, String filler,
      Duration fillerDelay, String found, String notFound, String fallback) {
    this(url, method, timeout, fields, filler, fillerDelay, found, notFound, fallback, List.of());
  }

  /** What to say for an answer found with these variables: the first case that holds, else {@code found}. */
  public String foundFor(Map<String, String> variables) {
    return foundWhen.stream().filter(c -> c.holds(variables)).map(Case::say).findFirst().orElse(found);
  }
}
