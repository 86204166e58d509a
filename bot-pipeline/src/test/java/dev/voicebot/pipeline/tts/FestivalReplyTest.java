package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FestivalReplyTest {

  private static final String KEY = "ft_StUfF_key";

  private static byte[] bytes(Object... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      out.write(p instanceof byte[] b ? b : p.toString().getBytes());
    }
    return out.toByteArray();
  }

  /** Delivers a stream a few bytes at a time, as a socket may. */
  private static InputStream trickle(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 5));
      }
    };
  }

  @Test
  void readsTheWaveOfAWaveThenLispThenOkReply() throws Exception {
    byte[] wav = RiffWavTest.wav(16_000, 1, (short) 3, (short) 4);
    FestivalReply.Wave w = FestivalReply.readWave(trickle(bytes("WV\n", wav, KEY, "LP\nt\n", KEY, "OK\n")));
    assertThat(Arrays.copyOfRange(w.buffer(), w.offset(), w.offset() + w.length())).isEqualTo(wav);
  }

  @Test
  void readsAWaveLargerThanTheInitialBuffer() throws Exception {
    byte[] wav = RiffWavTest.wav(16_000, 1, new short[100_000]);
    FestivalReply.Wave w = FestivalReply.readWave(new ByteArrayInputStream(bytes("WV\n", wav, KEY, "OK\n")));
    assertThat(w.length()).isEqualTo(wav.length);
  }

  @Test
  void anErrorReplyIsASynthesisException() {
    assertThatThrownBy(() -> FestivalReply.readWave(new ByteArrayInputStream(bytes("ER\n"))))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("error");
  }

  @Test
  void aReplyWithoutWaveIsASynthesisException() {
    assertThatThrownBy(() -> FestivalReply.readWave(new ByteArrayInputStream(bytes("LP\n3\n", KEY, "OK\n"))))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("without audio");
  }

  @Test
  void aTruncatedReplyIsASynthesisException() {
    assertThatThrownBy(() -> FestivalReply.readWave(new ByteArrayInputStream(bytes("WV\nRIFF...."))))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("closed the connection");
  }
}
