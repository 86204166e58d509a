package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes speech at test time in Festival's default voice, slt (nothing committed). slt is the
 * bot's own voice: a test standing for a caller the bot has never heard uses bot-pipeline's
 * {@code CallerCorpus} instead.
 */
public final class CallerVoice {

  private final Path workDir;

  public CallerVoice(Path workDir) {
    this.workDir = workDir;
  }

  /** The text spoken as 8 kHz mono 16-bit samples. */
  public short[] speak8k(String text) throws IOException, InterruptedException {
    return speak(text, 8000);
  }

  /** The text spoken as mono 16-bit samples at {@code sampleRate} (sox resamples Festival's). */
  public short[] speak(String text, int sampleRate) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path txt = Files.writeString(Files.createTempFile(workDir, "caller", ".txt"), text);
    Path wav = workDir.resolve(txt.getFileName() + ".wav");
    Path raw = workDir.resolve(txt.getFileName() + ".raw");
    check(ManagedProcess.run("text2wave", List.of("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", wav.toString(),
        txt.toString()),
        workDir, Duration.ofSeconds(30)), "text2wave");
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
          + " (apt-get install festival festvox-us-slt-hts sox)");
    }
  }
}
