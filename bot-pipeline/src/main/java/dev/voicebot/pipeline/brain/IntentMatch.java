package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import java.util.Objects;

/**
 * An intent and how well the caller's words matched it.
 *
 * @param score in [0, 1]; see {@link IntentMatcher} for the thresholds
 */
public record IntentMatch(Intent intent, double score) {

  public IntentMatch {
    Objects.requireNonNull(intent, "intent");
  }

  /** Whether the match is strong enough to end the caller's turn early. */
  public boolean confident() {
    return score >= IntentMatcher.CONFIDENT_SCORE;
  }
}
