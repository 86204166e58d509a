package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes a caller's speech at test time with sox and Festival's text2wave (its default voice, slt,
 * is also the bot's) or flite (kal16, rms, awb: voices the bot never uses). Nothing is committed.
 */
public final class CallerVoice {

  /** Festival's default voice: the bot's own. */
  public static final String FESTIVAL = "festival";

  private final Path workDir;
  private final String voice;

  public CallerVoice(Path workDir) {
    this(workDir, FESTIVAL);
  }

  /** @param voice {@link #FESTIVAL}, or a flite voice ({@code flite -lv}: kal16, rms, awb, slt) */
  public CallerVoice(Path workDir, String voice) {
    this.workDir = workDir;
    this.voice = voice;
  }

  /** The text spoken as 8 kHz mono 16-bit samples. */
  public short[] speak8k(String text) throws IOException, InterruptedException {
    return speak(text, 8000);
  }

  /** The text spoken as mono 16-bit samples at {@code sampleRate} (sox resamples the synthesiser's). */
  public short[] speak(String text, int sampleRate) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path txt = Files.writeString(Files.createTempFile(workDir, "caller", ".txt"), text);
    Path wav = workDir.resolve(txt.getFileName() + ".wav");
    Path raw = workDir.resolve(txt.getFileName() + ".raw");
    if (voice.equals(FESTIVAL)) {
      check(ManagedProcess.run("text2wave", List.of("text2wave", "-o", wav.toString(), txt.toString()),
          workDir, Duration.ofSeconds(30)), "text2wave");
    } else {
      check(ManagedProcess.run("flite", List.of("flite", "-voice", voice, "-f", txt.toString(), "-o", wav.toString()),
          workDir, Duration.ofSeconds(30)), "flite");
    }
    check(ManagedProcess.run("sox", List.of("sox", wav.toString(), "-r", Integer.toString(sampleRate), "-c", "1", "-b", "16",
        "-e", "signed-integer", "-t", "raw", raw.toString()), workDir, Duration.ofSeconds(30)), "sox");
    byte[] bytes = Files.readAllBytes(raw);
    short[] pcm = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
    return pcm;
  }

  /** 8 kHz speech padded with silence before and after. */
  public static short[] pad(short[] pcm, double beforeSeconds, double afterSeconds) {
    return pad(pcm, 8000, beforeSeconds, afterSeconds);
  }

  /** Speech at {@code sampleRate} padded with silence before and after. */
  public static short[] pad(short[] pcm, int sampleRate, double beforeSeconds, double afterSeconds) {
    int before = (int) (beforeSeconds * sampleRate);
    short[] out = new short[before + pcm.length + (int) (afterSeconds * sampleRate)];
    System.arraycopy(pcm, 0, out, before, pcm.length);
    return out;
  }

  private static void check(int exit, String what) throws IOException {
    if (exit != 0) {
      throw new IOException(what + " failed with exit code " + exit
          + " (apt-get install festival festvox-us-slt-hts flite sox)");
    }
  }
}
