package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one reply of Festival's server protocol (checked against festival 2.5): a sequence of
 * messages, each a 3-byte tag. {@code WV\n} and {@code LP\n} are followed by a payload (a wave
 * file, a printed Lisp value) terminated by the key {@code ft_StUfF_key}; {@code OK\n} ends a
 * successful command, {@code ER\n} a failed one (the error itself only goes to the server's log).
 */
final class FestivalReply {

  private static final byte[] KEY = "ft_StUfF_key".getBytes(StandardCharsets.US_ASCII);
  private static final int TAG = 3;

  private final InputStream in;
  private byte[] buf = new byte[64 * 1024];
  private int pos;
  private int len;

  private FestivalReply(InputStream in) {
    this.in = in;
  }

  /** The last wave of the reply, as {@code [offset, length]} into {@link #buffer()}. */
  record Wave(byte[] buffer, int offset, int length) {}

  /**
   * Reads messages until {@code OK}; returns the wave it carried.
   *
   * @throws SynthesisException on {@code ER}, on a reply without a wave, or on a garbled reply
   * @throws IOException if the connection fails (a timeout included)
   */
  static Wave readWave(InputStream in) throws IOException, SynthesisException {
    return new FestivalReply(in).read();
  }

  private Wave read() throws IOException, SynthesisException {
    Wave wave = null;
    while (true) {
      if (!fill(pos + TAG)) {
        throw new SynthesisException("festival closed the connection before ending its reply");
      }
      String tag = new String(buf, pos, TAG, StandardCharsets.US_ASCII);
      pos += TAG;
      switch (tag) {
        case "OK\n" -> {
          if (wave == null) {
            throw new SynthesisException("festival answered without audio");
          }
          return wave;
        }
        case "ER\n" -> throw new SynthesisException("festival reported an error (details in its log)");
        case "WV\n" -> {
          int end = payloadEnd();
          wave = new Wave(buf, pos, end - pos);
          pos = end + KEY.length;
        }
        case "LP\n" -> pos = payloadEnd() + KEY.length;
        default -> throw new SynthesisException("unexpected reply from festival: " + tag.strip());
      }
    }
  }

  /** Index of the key that ends the payload starting at {@code pos}, reading as needed. */
  private int payloadEnd() throws IOException, SynthesisException {
    int from = pos;
    while (true) {
      int found = indexOfKey(from);
      if (found >= 0) {
        return found;
      }
      from = Math.max(pos, len - KEY.length + 1);
      if (!fill(len + 1)) {
        throw new SynthesisException("festival closed the connection in the middle of a message");
      }
    }
  }

  private int indexOfKey(int from) {
    outer:
    for (int i = from; i + KEY.length <= len; i++) {
      for (int k = 0; k < KEY.length; k++) {
        if (buf[i + k] != KEY[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Reads until at least {@code want} bytes are buffered; false at end of stream. */
  private boolean fill(int want) throws IOException {
    while (len < want) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2); // a wave already read may be referenced: no compaction
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        return false;
      }
      len += n;
    }
    return true;
  }
}
