package dev.voicebot.pipeline.lookup;

import dev.voicebot.pipeline.dialplan.Lookup;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Makes a dialplan's lookups; shared by all calls. */
public interface LookupClient {

  /**
   * Starts the lookup with the call's variables. The future always completes, within the lookup's
   * timeout (and a little), and never exceptionally: failures are {@link LookupOutcome.Failed}.
   */
  CompletableFuture<LookupOutcome> fetch(Lookup lookup, Map<String, String> variables);

  /** A client for bots without lookups: every lookup fails at once (the caller hears the fallback). */
  static LookupClient unavailable() {
    return (lookup, variables) -> CompletableFuture.completedFuture(new LookupOutcome.Failed("no lookup client"));
  }
}
