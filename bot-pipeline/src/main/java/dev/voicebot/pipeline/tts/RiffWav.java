package dev.voicebot.pipeline.tts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes RIFF WAV: mono 16-bit PCM. Festival's must be 16 kHz ({@link #pcm16kMono}); an HTTP speech
 * server may send another rate ({@link #mono16}), which the caller resamples.
 */
final class RiffWav {

  static final int RATE = 16_000;
  private static final int PCM = 1;
  private static final String FESTIVAL = "festival";

  /** Mono 16-bit samples at {@code rate} Hz. */
  record Mono16(int rate, short[] samples) {}

  private RiffWav() {}

  static short[] pcm16kMono(byte[] data, int offset, int length) throws SynthesisException {
    return decode(data, offset, length, FESTIVAL, RATE).samples();
  }

  /**
   * Decodes mono 16-bit PCM at any rate.
   *
   * @param source who sent the audio, for error messages (e.g. "the speech server at http://...")
   */
  static Mono16 mono16(byte[] data, int offset, int length, String source) throws SynthesisException {
    return decode(data, offset, length, source, 0);
  }

  /** @param requiredRate the only rate accepted, or 0 for any */
  private static Mono16 decode(byte[] data, int offset, int length, String source, int requiredRate)
      throws SynthesisException {
    ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    if (length < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
      throw new SynthesisException(source + " sent audio that is not RIFF/WAVE (" + length + " bytes)");
    }
    int rate = -1;
    int at = 12;
    while (at + 8 <= length) {
      int id = b.getInt(at);
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      int body = at + 8;
      if (id == fourCc("fmt ")) {
        rate = checkFormat(b, body, size, source, requiredRate);
      } else if (id == fourCc("data")) {
        if (rate < 0) {
          throw new SynthesisException(source + "'s WAV has its data chunk before the fmt chunk");
        }
        // Streamed WAVs may carry a placeholder size; trust the bytes actually received.
        int bytes = (int) Math.min(size, length - body) & ~1;
        short[] pcm = new short[bytes / 2];
        b.slice(body, bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return new Mono16(rate, pcm);
      }
      at = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word-aligned
    }
    throw new SynthesisException(source + "'s WAV has no data chunk");
  }

  private static int checkFormat(ByteBuffer b, int body, long size, String source, int requiredRate)
      throws SynthesisException {
    if (size < 16 || body + 16 > b.limit()) {
      throw new SynthesisException(source + "'s WAV has a truncated fmt chunk");
    }
    int format = Short.toUnsignedInt(b.getShort(body));
    int channels = Short.toUnsignedInt(b.getShort(body + 2));
    int rate = b.getInt(body + 4);
    int bits = Short.toUnsignedInt(b.getShort(body + 14));
    boolean rateOk = requiredRate == 0 ? rate > 0 : rate == requiredRate;
    if (format != PCM || channels != 1 || !rateOk || bits != 16) {
      String expected = requiredRate == 0 ? "" : requiredRate + " Hz, ";
      String hint = FESTIVAL.equals(source) ? ": is the server running voicebot's script?" : "";
      throw new SynthesisException(
          source + " sent format " + format + ", " + channels + " channel(s), " + rate + " Hz, " + bits
              + " bit; expected PCM (1), 1 channel, " + expected + "16 bit" + hint);
    }
    return rate;
  }

  private static int fourCc(String s) {
    return (s.charAt(0) & 0xFF) | (s.charAt(1) & 0xFF) << 8 | (s.charAt(2) & 0xFF) << 16 | (s.charAt(3) & 0xFF) << 24;
  }
}
