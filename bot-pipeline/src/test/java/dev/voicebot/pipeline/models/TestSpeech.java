package dev.voicebot.pipeline.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Test audio: sentences spoken by Festival's {@code text2wave} at 16 kHz mono, so the engine tests
 * need no committed recordings. Festival is a runtime dependency of the bot anyway.
 */
public final class TestSpeech {

  private TestSpeech() {}

  /** {@code text} spoken by Festival's default voice, 16 kHz mono 16-bit. */
  public static short[] spoken(String text) {
    try {
      Path dir = Files.createDirectories(TestModels.moduleDir().resolve("target/test-speech"));
      Path wav = dir.resolve("slt-" + Integer.toHexString(text.hashCode()) + ".wav");
      if (!Files.isRegularFile(wav)) {
        Path partial = Files.createTempFile(dir, "speech-", ".wav");
        // The bot's voice by name: with other Festival voices installed (the caller corpus's kal),
        // text2wave's default may be another one.
        run(text.getBytes(StandardCharsets.US_ASCII), "text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)",
            "-F", "16000", "-otype", "riff", "-o", partial.toString());
        Files.move(partial, wav, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return readPcm16kMono(wav);
    } catch (IOException e) {
      throw new UncheckedIOException("festival's text2wave is needed for the engine tests", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code text} as the pipeline hears it from a G.711 call: Festival's speech through 8 kHz
   * μ-law and back to 16 kHz (sox), band-limited and quantized as on the line.
   */
  public static short[] overThePhone(String text) {
    spoken(text);
    Path dir = TestModels.moduleDir().resolve("target/test-speech");
    Path wideband = dir.resolve("slt-" + Integer.toHexString(text.hashCode()) + ".wav");
    Path phone = dir.resolve("slt-" + Integer.toHexString(text.hashCode()) + "-ulaw.wav");
    Path back = dir.resolve("slt-" + Integer.toHexString(text.hashCode()) + "-phone.wav");
    try {
      if (!Files.isRegularFile(back)) {
        run(new byte[0], "sox", wideband.toString(), "-r", "8000", "-e", "u-law", phone.toString());
        run(new byte[0], "sox", phone.toString(), "-r", "16000", "-e", "signed-integer", "-b", "16", back.toString());
      }
      return readPcm16kMono(back);
    } catch (IOException e) {
      throw new UncheckedIOException("sox is needed for telephone-band test speech", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a tool to completion (at most a minute) with {@code stdin} as its input. */
  private static void run(byte[] stdin, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().write(stdin);
    p.getOutputStream().close();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(command[0] + " failed: " + log);
    }
  }

  /** Reads a 16 kHz mono 16-bit WAV file. */
  public static short[] readPcm16kMono(Path wav) throws IOException {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
      AudioFormat f = in.getFormat();
      if (f.getSampleRate() != 16_000f || f.getChannels() != 1 || f.getSampleSizeInBits() != 16) {
        throw new IOException(wav + " is " + f + ", expected 16 kHz mono 16-bit");
      }
      byte[] bytes = in.readAllBytes();
      short[] pcm = new short[bytes.length / 2];
      ByteBuffer.wrap(bytes)
          .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer()
          .get(pcm);
      return pcm;
    } catch (UnsupportedAudioFileException e) {
      throw new IOException(wav + " is not a WAV file", e);
    }
  }

  /** {@code millis} of digital silence at 16 kHz. */
  public static short[] silence(int millis) {
    return new short[millis * 16];
  }

  /** Concatenates clips. */
  public static short[] concat(short[]... clips) {
    return dev.voicebot.pipeline.corpus.Signals.concat(clips);
  }


  /** Root mean square of 16-bit samples. */
  public static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return to > from ? Math.sqrt(sum / (to - from)) : 0;
  }
}
