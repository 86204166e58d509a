package dev.voicebot.pipeline.lookup;

import java.util.Map;
import java.util.Objects;

/** How a lookup ended. */
public sealed interface LookupOutcome {

  /** The server answered 2xx with every mapped field: variable name to value. */
  record Found(Map<String, String> values) implements LookupOutcome {
    public Found {
      values = Map.copyOf(values);
    }
  }

  /** The server answered 404: nothing under that key. */
  record NotFound() implements LookupOutcome {}

  /** No usable answer: timed out, unreachable, another status, or a field missing. */
  record Failed(String reason) implements LookupOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
