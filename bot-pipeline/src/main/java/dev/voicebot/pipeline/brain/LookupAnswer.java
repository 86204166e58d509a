package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.lookup.LookupOutcome;
import java.util.Objects;

/**
 * A lookup's outcome on its way back to the brain that started it.
 *
 * @param id which lookup of the call: a late answer to one the caller has moved on from is dropped
 */
public record LookupAnswer(long id, LookupOutcome outcome) {
  public LookupAnswer {
    Objects.requireNonNull(outcome, "outcome");
  }
}
