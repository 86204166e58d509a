package dev.voicebot.pipeline.llm;

import java.time.Duration;

/** Why a chat request failed; none of these carry request headers, so no key can leak through them. */
public sealed interface LlmFailure {

  /** A non-2xx answer; {@code message} is the provider's error message, truncated. */
  record HttpError(int status, String message) implements LlmFailure {}

  /** A limit of {@link dev.voicebot.pipeline.dialplan.LlmSettings.Timeouts} passed. */
  record TimedOut(Stage stage, Duration limit) implements LlmFailure {}

  /** The server could not be reached (refused, DNS, connect timeout, TLS). */
  record Unreachable(String detail) implements LlmFailure {}

  /** The stream ended or broke before the reply was complete. */
  record Disconnected(String detail) implements LlmFailure {}

  /** The server answered something that is not the streaming protocol (or an in-stream error). */
  record BadResponse(String detail) implements LlmFailure {}

  /** Which limit passed. */
  enum Stage {
    FIRST_TOKEN,
    IDLE,
    REQUEST
  }

  /** One line for logs and tool results. */
  default String describe() {
    return switch (this) {
      case HttpError e -> "HTTP " + e.status() + (e.message().isEmpty() ? "" : ": " + e.message());
      case TimedOut t -> "no " + switch (t.stage()) {
        case FIRST_TOKEN -> "first token";
        case IDLE -> "further tokens";
        case REQUEST -> "complete reply";
      } + " within " + t.limit().toMillis() + " ms";
      case Unreachable u -> "unreachable: " + u.detail();
      case Disconnected d -> "disconnected: " + d.detail();
      case BadResponse b -> "bad response: " + b.detail();
    };
  }
}
