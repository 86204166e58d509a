package dev.voicebot.pipeline.realtime;

import java.util.Base64;

/** The Realtime API's {@code pcm16} audio: 16-bit little-endian mono samples, base64 in JSON. */
final class Pcm16 {

  private Pcm16() {}

  static String encode(short[] samples, int offset, int length) {
    byte[] bytes = new byte[length * 2];
    for (int i = 0; i < length; i++) {
      short s = samples[offset + i];
      bytes[2 * i] = (byte) s;
      bytes[2 * i + 1] = (byte) (s >> 8);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * @throws IllegalArgumentException if the text is not base64 (an odd trailing byte is ignored)
   */
  static short[] decode(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    short[] samples = new short[bytes.length / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
    }
    return samples;
  }
}
