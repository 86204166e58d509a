package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What realtime sessions share across calls.
 *
 * @param http opens the WebSockets (one client for all calls: it pools selector threads)
 * @param localVoice speaks the dialplan's apology when the model is gone (the app's prompt cache,
 *     so the apology costs nothing); empty means the call is hung up instead
 * @param synthesis runs the local voice (blocking), never on the media clock or an actor
 * @param environment looks up the API key by its variable name ({@code System::getenv} in production)
 */
public record RealtimeEngines(
    HttpClient http, Optional<SpeechSynthesizer> localVoice, Executor synthesis, Function<String, String> environment) {

  public RealtimeEngines {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(localVoice, "localVoice");
    Objects.requireNonNull(synthesis, "synthesis");
    Objects.requireNonNull(environment, "environment");
  }

  public static RealtimeEngines of(HttpClient http, Optional<SpeechSynthesizer> localVoice, Executor synthesis) {
    return new RealtimeEngines(http, localVoice, synthesis, System::getenv);
  }
}
