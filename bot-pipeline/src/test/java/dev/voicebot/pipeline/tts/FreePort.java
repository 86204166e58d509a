package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A port nothing listens on right now, so tests never collide with a festival on 1314. */
final class FreePort {

  private FreePort() {}

  static int find() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
