package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Makes a caller's speech at test time with a speech engine and sox (nothing committed). The
 * default is Festival's slt, which is also the bot's own voice: tests that stand for a caller the
 * bot has never heard pick another {@link Engine}.
 */
public final class CallerVoice {

  /** The speech engine and voice that speak the caller's words. */
  public enum Engine {
    /** Festival's default voice (slt): the bot's own voice. */
    FESTIVAL_SLT,
    /** Festival's kal diphone voice (Debian festvox-kallpc16k). */
    FESTIVAL_KAL,
    /** flite's kal16 voice. */
    FLITE_KAL16,
    /** flite's rms voice. */
    FLITE_RMS,
    /** espeak-ng, American English. */
    ESPEAK_US
  }

  private final Path workDir;
  private final Engine engine;

  public CallerVoice(Path workDir) {
    this(workDir, Engine.FESTIVAL_SLT);
  }

  public CallerVoice(Path workDir, Engine engine) {
    this.workDir = workDir;
    this.engine = engine;
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
    List<String> command = switch (engine) {
      case FESTIVAL_SLT -> List.of("text2wave", "-o", wav.toString(), txt.toString());
      case FESTIVAL_KAL -> List.of("text2wave", "-eval", "(voice_kal_diphone)", "-o", wav.toString(), txt.toString());
      case FLITE_KAL16 -> List.of("flite", "-voice", "kal16", "-f", txt.toString(), "-o", wav.toString());
      case FLITE_RMS -> List.of("flite", "-voice", "rms", "-f", txt.toString(), "-o", wav.toString());
      case ESPEAK_US -> List.of("espeak-ng", "-v", "en-us", "-f", txt.toString(), "-w", wav.toString());
    };
    check(ManagedProcess.run(command.getFirst(), command, workDir, Duration.ofSeconds(30)), command.getFirst());
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

  /** Clips one after another. */
  public static short[] concat(short[]... clips) {
    int length = 0;
    for (short[] clip : clips) {
      length += clip.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] clip : clips) {
      System.arraycopy(clip, 0, out, at, clip.length);
      at += clip.length;
    }
    return out;
  }

  private static void check(int exit, String what) throws IOException {
    if (exit != 0) {
      throw new IOException(what + " failed with exit code " + exit
          + " (apt-get install festival festvox-us-slt-hts sox)");
    }
  }
}
