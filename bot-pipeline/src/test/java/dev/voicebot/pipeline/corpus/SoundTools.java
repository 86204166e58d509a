package dev.voicebot.pipeline.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The speech tools and sox, run as processes; raw 16-bit little-endian mono in and out. */
final class SoundTools {

  /** sox's phone band: 300-3400 Hz band-pass, 8 kHz. No dither (-D), so output is repeatable. */
  private static final List<String> PHONE_BAND = List.of("sinc", "300-3400", "rate", "-v", "8k");

  private SoundTools() {}

  /** Any audio file sox reads, as 8 kHz phone-band samples. */
  static short[] phoneBand(Path audio) throws IOException {
    var cmd = new ArrayList<>(List.of("sox", "-D", audio.toString(), "-t", "raw", "-e", "signed-integer",
        "-b", "16", "-c", "1", "-"));
    cmd.addAll(PHONE_BAND);
    return pcm(run(cmd, new byte[0]));
  }

  /** 8 kHz samples band-limited to the phone band (for noise, which must be no wider than the speech). */
  static short[] phoneBand8k(short[] pcm8k) throws IOException {
    var cmd = new ArrayList<>(List.of("sox", "-D", "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1",
        "-r", "8000", "-", "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-"));
    cmd.addAll(PHONE_BAND.subList(0, 2));
    return pcm(run(cmd, bytes(pcm8k)));
  }

  /** 8 kHz samples resampled to 16 kHz (sox's high-quality rate). */
  static short[] to16k(short[] pcm8k) throws IOException {
    return pcm(run(List.of("sox", "-D", "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-r", "8000", "-",
        "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-r", "16000", "-"), bytes(pcm8k)));
  }

  /** Runs a tool to completion (at most a minute), its standard output returned. */
  static byte[] run(List<String> command, byte[] stdin) throws IOException {
    Path err = Files.createTempFile("corpus-tool", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      // Feed stdin from another thread: sox writes while it reads, and both pipes are bounded.
      Thread feeder = Thread.ofVirtual().start(() -> {
        try (var in = p.getOutputStream()) {
          in.write(stdin);
        } catch (IOException ignored) {
          // The tool exited early; its exit code says why.
        }
      });
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed: "
            + Files.readString(err, StandardCharsets.UTF_8)
            + " (apt-get install flite espeak-ng festival festvox-kallpc16k sox)");
      }
      feeder.join();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command.getFirst(), e);
    } finally {
      Files.deleteIfExists(err);
    }
  }

  static short[] pcm(byte[] bytes) {
    short[] pcm = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
    return pcm;
  }

  static byte[] bytes(short[] pcm) {
    ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(pcm);
    return b.array();
  }
}
