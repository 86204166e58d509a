package dev.voicebot.pipeline.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * Turn-taking and limits of a conversation.
 *
 * @param vadOnsetThreshold speech probability that starts a speech run
 * @param vadOffsetThreshold probability below which a frame counts as non-speech once speaking (hysteresis)
 * @param minSpeechForBargeIn speech run that confirms an onset (and interrupts the bot)
 * @param endpointSilence non-speech after the last voiced frame that ends the caller's turn
 * @param shortEndpointSilence the same when the words so far already are a complete answer
 * @param maxUtterance the longest a caller's turn may run before it is ended anyway
 * @param maxCallDuration after this the bot says goodbye and hangs up
 */
public record ConversationSettings(
    float vadOnsetThreshold,
    float vadOffsetThreshold,
    Duration minSpeechForBargeIn,
    Duration endpointSilence,
    Duration shortEndpointSilence,
    Duration maxUtterance,
    Duration maxCallDuration) {

  public ConversationSettings {
    if (!(vadOnsetThreshold > 0 && vadOnsetThreshold <= 1)) {
      throw new IllegalArgumentException("vadOnsetThreshold must be in (0, 1]");
    }
    if (!(vadOffsetThreshold > 0 && vadOffsetThreshold <= vadOnsetThreshold)) {
      throw new IllegalArgumentException("vadOffsetThreshold must be in (0, vadOnsetThreshold]");
    }
    requirePositive(minSpeechForBargeIn, "minSpeechForBargeIn");
    requirePositive(endpointSilence, "endpointSilence");
    requirePositive(shortEndpointSilence, "shortEndpointSilence");
    requirePositive(maxUtterance, "maxUtterance");
    requirePositive(maxCallDuration, "maxCallDuration");
    if (shortEndpointSilence.compareTo(endpointSilence) > 0) {
      throw new IllegalArgumentException("shortEndpointSilence must not exceed endpointSilence");
    }
  }

  /** Values tuned for phone calls: barge-in in ~60 ms, turns ending 250-500 ms after the last word. */
  public static ConversationSettings defaults() {
    return new ConversationSettings(
        0.5f,
        0.35f,
        Duration.ofMillis(60),
        Duration.ofMillis(500),
        Duration.ofMillis(250),
        Duration.ofSeconds(15),
        Duration.ofMinutes(10));
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
