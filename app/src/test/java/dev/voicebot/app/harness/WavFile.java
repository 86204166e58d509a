package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit PCM WAV files: what baresip plays and records. */
public record WavFile(int sampleRate, short[] mono) {

  public static void write(short[] pcm, int sampleRate, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(36 + pcm.length * 2).put(ascii("WAVE"));
    b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
        .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    b.put(ascii("data")).putInt(pcm.length * 2);
    for (short s : pcm) {
      b.putShort(s);
    }
    Files.write(file, b.array());
  }

  /** Reads a 16-bit PCM WAV; stereo is mixed down to mono. */
  public static WavFile read(Path file) throws IOException {
    return read(file, -1);
  }

  /**
   * Reads one channel of a 16-bit PCM WAV (0: left), or all mixed down to mono for -1. Trusts the
   * header's data size (as a player does) but never reads past the end of the file.
   */
  public static WavFile read(Path file, int channel) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int rate = 0;
    int channels = 1;
    b.position(12);
    while (b.remaining() >= 8) {
      byte[] id = new byte[4];
      b.get(id);
      int size = b.getInt();
      String chunk = new String(id, StandardCharsets.US_ASCII);
      if (chunk.equals("fmt ")) {
        int start = b.position();
        b.getShort();
        channels = b.getShort();
        rate = b.getInt();
        b.position(start + size);
      } else if (chunk.equals("data")) {
        int length = Math.min(size, b.remaining()) / 2 / channels;
        short[] mono = new short[length];
        for (int i = 0; i < length; i++) {
          int sum = 0;
          for (int c = 0; c < channels; c++) {
            short s = b.getShort();
            sum += channel < 0 || channel == c ? s : 0;
          }
          mono[i] = (short) (channel < 0 ? sum / channels : sum);
        }
        return new WavFile(rate, mono);
      } else {
        b.position(Math.min(b.limit(), b.position() + size + (size & 1)));
      }
    }
    throw new IOException("no audio data in " + file);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
