package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.conversation.ConversationSettings;
import dev.voicebot.pipeline.vad.VoiceActivityDetector;
import java.util.Objects;
import java.util.Optional;

/**
 * What a realtime session borrows from the cascaded pipeline of the same call.
 *
 * @param vad the local VAD, run on the caller's (echo-cancelled) audio while the model's audio
 *     plays: it confirms a barge-in within tens of milliseconds, where the server's VAD events
 *     arrive hundreds later. Empty: barge-in waits for the server
 * @param settings the VAD thresholds, the speech run that confirms a barge-in and the maximum call
 *     duration, exactly as the cascaded conversation uses them
 * @param fallback takes the call over when the model is lost; empty: apologize and hang up
 */
public record LocalPipeline(Optional<VoiceActivityDetector> vad, ConversationSettings settings, Optional<Fallback> fallback) {

  public LocalPipeline {
    Objects.requireNonNull(vad, "vad");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(fallback, "fallback");
  }

  /** No local VAD, default limits, no fallback: the model alone, and a hangup after the apology if it fails. */
  public static LocalPipeline none() {
    return new LocalPipeline(Optional.empty(), ConversationSettings.defaults(), Optional.empty());
  }

  public LocalPipeline withVad(VoiceActivityDetector detector) {
    return new LocalPipeline(Optional.of(detector), settings, fallback);
  }

  public LocalPipeline withSettings(ConversationSettings conversationSettings) {
    return new LocalPipeline(vad, conversationSettings, fallback);
  }

  public LocalPipeline withFallback(Fallback takeOver) {
    return new LocalPipeline(vad, settings, Optional.of(takeOver));
  }
}
