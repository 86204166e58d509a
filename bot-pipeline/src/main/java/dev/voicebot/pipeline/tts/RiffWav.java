package dev.voicebot.pipeline.tts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes the RIFF WAV Festival sends, insisting on 16 kHz mono 16-bit PCM. */
final class RiffWav {

  static final int RATE = 16_000;
  private static final int PCM = 1;

  private RiffWav() {}

  static short[] pcm16kMono(byte[] data, int offset, int length) throws SynthesisException {
    ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    if (length < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
      throw new SynthesisException("festival sent audio that is not RIFF/WAVE (" + length + " bytes)");
    }
    boolean formatChecked = false;
    int at = 12;
    while (at + 8 <= length) {
      int id = b.getInt(at);
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      int body = at + 8;
      if (id == fourCc("fmt ")) {
        checkFormat(b, body, size);
        formatChecked = true;
      } else if (id == fourCc("data")) {
        if (!formatChecked) {
          throw new SynthesisException("festival's WAV has its data chunk before the fmt chunk");
        }
        // Streamed WAVs may carry a placeholder size; trust the bytes actually received.
        int bytes = (int) Math.min(size, length - body) & ~1;
        short[] pcm = new short[bytes / 2];
        b.slice(body, bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
      }
      at = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word-aligned
    }
    throw new SynthesisException("festival's WAV has no data chunk");
  }

  private static void checkFormat(ByteBuffer b, int body, long size) throws SynthesisException {
    if (size < 16 || body + 16 > b.limit()) {
      throw new SynthesisException("festival's WAV has a truncated fmt chunk");
    }
    int format = Short.toUnsignedInt(b.getShort(body));
    int channels = Short.toUnsignedInt(b.getShort(body + 2));
    int rate = b.getInt(body + 4);
    int bits = Short.toUnsignedInt(b.getShort(body + 14));
    if (format != PCM || channels != 1 || rate != RATE || bits != 16) {
      throw new SynthesisException(
          "festival sent format " + format + ", " + channels + " channel(s), " + rate + " Hz, " + bits
              + " bit; expected PCM (1), 1 channel, 16000 Hz, 16 bit: is the server running voicebot's script?");
    }
  }

  private static int fourCc(String s) {
    return (s.charAt(0) & 0xFF) | (s.charAt(1) & 0xFF) << 8 | (s.charAt(2) & 0xFF) << 16 | (s.charAt(3) & 0xFF) << 24;
  }
}
