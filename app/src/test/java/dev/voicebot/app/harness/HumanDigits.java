package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Digit strings spoken by real people: the Free Spoken Digit Dataset recordings in {@code
 * ../shared/data/fsdd} (three speakers, 20 takes of each digit, 8 kHz, trimmed to the word),
 * read there and never copied into the repository.
 */
public final class HumanDigits {

  public static final Path DIR = RunningBot.REPO.resolveSibling("shared").resolve("data/fsdd");
  public static final String MISSING = "the human digit recordings are not at " + DIR + " (a clone without ../shared)";
  private static final int TAKES = 20;

  private HumanDigits() {}

  public static boolean available() {
    return Files.isRegularFile(DIR.resolve("0_george_0.wav"));
  }

  /**
   * {@code digits} said by {@code speaker} (george, jackson or lucas) with {@code gap} of silence
   * between them, 8 kHz; {@code variant} picks the takes, so two calls need not sound alike.
   */
  public static short[] number(String speaker, String digits, Duration gap, int variant) throws IOException {
    short[] pause = new short[(int) (gap.toMillis() * 8)];
    short[][] parts = new short[digits.length() * 2 - 1][];
    for (int i = 0; i < digits.length(); i++) {
      int take = Math.floorMod(variant * 7 + i * 3, TAKES);
      parts[2 * i] = read8k(DIR.resolve(digits.charAt(i) + "_" + speaker + "_" + take + ".wav"));
      if (i > 0) {
        parts[2 * i - 1] = pause;
      }
    }
    return CallerVoice.concat(parts);
  }

  /** The audio {@code gainDb} louder (negative: quieter), clipped at full scale. */
  public static short[] scaled(short[] pcm, double gainDb) {
    double gain = Math.pow(10, gainDb / 20);
    short[] out = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      out[i] = (short) Math.clamp(Math.round(pcm[i] * gain), Short.MIN_VALUE, Short.MAX_VALUE);
    }
    return out;
  }

  private static short[] read8k(Path wav) throws IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      if (in.getFormat().getSampleRate() != 8000f || in.getFormat().getSampleSizeInBits() != 16) {
        throw new IOException(wav + " is " + in.getFormat() + ", expected 8 kHz 16-bit");
      }
      byte[] bytes = in.readAllBytes();
      short[] pcm = new short[bytes.length / 2];
      ByteBuffer.wrap(bytes).order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer().get(pcm);
      return pcm;
    } catch (UnsupportedAudioFileException e) {
      throw new IOException(wav + " is not a WAV file", e);
    }
  }
}
