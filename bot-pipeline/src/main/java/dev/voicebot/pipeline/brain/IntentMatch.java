package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Intent;
import java.util.Objects;

/**
 * An intent and how well the caller's words matched it.
 *
 * @param score in [0, 1]; see {@link IntentMatcher} for the thresholds
 * @param confident whether the match is strong enough to end the caller's turn early: the words
 *     are a listed phrase (or close to one), or mean an intent clearly in a sentence that does not
 *     hang on an unfinished word
 */
public record IntentMatch(Intent intent, double score, boolean confident) {

  public IntentMatch {
    Objects.requireNonNull(intent, "intent");
  }
}
