package dev.voicebot.pipeline.llm;

import java.util.Optional;

/**
 * Server-sent events, line by line: {@code data:} lines accumulate until a blank line ends the
 * event. Comments ({@code :keep-alive}) and the {@code event:}, {@code id:}, {@code retry:}
 * fields carry nothing the chat protocol needs and are skipped.
 */
final class SseDecoder {

  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  /** Feeds one line (without its terminator); returns an event's data when the line completes one. */
  Optional<String> line(String line) {
    if (line.isEmpty()) {
      return flush();
    }
    if (line.startsWith("data:")) {
      String value = line.substring(5);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
    return Optional.empty();
  }

  /** Ends the stream: an event left without its blank line still counts. */
  Optional<String> flush() {
    if (!hasData) {
      return Optional.empty();
    }
    String event = data.toString();
    data.setLength(0);
    hasData = false;
    return Optional.of(event);
  }
}
