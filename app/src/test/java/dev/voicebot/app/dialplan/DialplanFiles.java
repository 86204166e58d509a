package dev.voicebot.app.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Dialplan files written for a test and loaded, or refused with their place checked in the message. */
final class DialplanFiles {

  private final Path dir;
  private final DialplanLoader loader = new DialplanLoader();

  DialplanFiles(Path dir) {
    this.dir = dir;
  }

  Dialplan load(String yaml) throws IOException {
    return loader.load(Files.writeString(dir.resolve("shop.yaml"), yaml)).dialplan();
  }

  /** The loader's refusal of {@code yaml}, whose message starts with the file and, when known, line and column. */
  DialplanException failure(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.yaml"), yaml);
    try {
      loader.load(file);
    } catch (DialplanException e) {
      assertThat(e.file()).isEqualTo(file);
      String place = e.line() > 0 ? file + ":" + e.line() + ":" + e.column() : file.toString();
      assertThat(e.getMessage()).isEqualTo("dialplan " + place + ": " + e.problem());
      return e;
    }
    throw new AssertionError("the dialplan was accepted");
  }
}
