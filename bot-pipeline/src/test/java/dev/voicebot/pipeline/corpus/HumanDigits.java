package dev.voicebot.pipeline.corpus;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Digit strings said by real people: the fsdd recordings (three speakers, 20 takes of each digit,
 * 8 kHz, trimmed to the word) joined with pauses of a chosen length. Read from the shared data
 * directory, never copied into the repository.
 */
public final class HumanDigits {

  /** The fsdd speakers. */
  public enum Speaker {
    GEORGE, JACKSON, LUCAS;

    String file() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final int TAKES = 20;

  private final Path directory;

  HumanDigits(Path directory) {
    this.directory = directory;
  }

  /**
   * Where the recordings are: {@code -Dvoicebot.fsdd=DIR}, else {@code shared/data/fsdd} beside
   * the repository (looked for upwards from the working directory); empty when absent, e.g. in a
   * clone without {@code ../shared}: tests then skip.
   */
  public static Optional<Path> locate() {
    String configured = System.getProperty("voicebot.fsdd");
    if (configured != null) {
      return Optional.of(Path.of(configured)).filter(Files::isDirectory);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/fsdd");
      if (Files.isRegularFile(candidate.resolve("0_george_0.wav"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code digits} said by {@code speaker}, {@code gapsMillis[i]} of silence after digit i (one
   * gap fewer than digits; a shorter array repeats its last gap), digit i from take
   * {@code (firstTake + i) % 20}: raw, at the recordings' own level, not yet on a line.
   */
  short[] say(Speaker speaker, String digits, int firstTake, int... gapsMillis) throws IOException {
    short[] out = new short[0];
    for (int i = 0; i < digits.length(); i++) {
      char d = digits.charAt(i);
      if (d < '0' || d > '9') {
        throw new IllegalArgumentException("not a digit string: " + digits);
      }
      Path file = directory.resolve(d + "_" + speaker.file() + "_" + Math.floorMod(firstTake + i, TAKES) + ".wav");
      short[] word = SoundTools.pcm(SoundTools.run(java.util.List.of("sox", "-D", file.toString(), "-t", "raw",
          "-e", "signed-integer", "-b", "16", "-c", "1", "-r", "8000", "-"), new byte[0]));
      int gap = i == digits.length() - 1 || gapsMillis.length == 0 ? 0 : gapsMillis[Math.min(i, gapsMillis.length - 1)];
      out = Signals.concat(out, word, Signals.silence8k(gap));
    }
    return out;
  }
}
