package dev.voicebot.pipeline.tts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;

/**
 * Drains a child process's output on a virtual thread (an undrained pipe would block the child),
 * logs it, and keeps the last lines so a failed start can say why.
 */
final class ProcessOutputTail {

  private static final int KEPT_LINES = 20;

  private final Deque<String> lines = new ArrayDeque<>();

  ProcessOutputTail(Process process, Logger log, String name) {
    Thread.ofVirtual()
        .name(name + "-output")
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.contains("ERROR") || line.contains("failed")) {
                    log.warn("{}: {}", name, line);
                  } else {
                    log.debug("{}: {}", name, line);
                  }
                  synchronized (lines) {
                    if (lines.size() == KEPT_LINES) {
                      lines.removeFirst();
                    }
                    lines.addLast(line);
                  }
                }
              } catch (IOException e) {
                log.debug("{}: output closed: {}", name, e.toString());
              }
            });
  }

  /** The last lines of output, joined with " | ". */
  String tail() {
    synchronized (lines) {
      return String.join(" | ", lines);
    }
  }
}
