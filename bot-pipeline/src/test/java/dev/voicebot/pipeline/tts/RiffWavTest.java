package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class RiffWavTest {

  static byte[] wav(int rate, int channels, short... samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * samples.length).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate);
    b.putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * samples.length);
    for (short s : samples) {
      b.putShort(s);
    }
    return b.array();
  }

  @Test
  void decodesLittleEndianSixteenKilohertzMono() throws Exception {
    byte[] w = wav(16_000, 1, (short) 1, (short) -2, Short.MAX_VALUE);
    assertThat(RiffWav.pcm16kMono(w, 0, w.length)).containsExactly((short) 1, (short) -2, Short.MAX_VALUE);
  }

  @Test
  void decodesAWaveInsideALargerBuffer() throws Exception {
    byte[] w = wav(16_000, 1, (short) 7);
    byte[] framed = new byte[w.length + 10];
    System.arraycopy(w, 0, framed, 3, w.length);
    assertThat(RiffWav.pcm16kMono(framed, 3, w.length)).containsExactly((short) 7);
  }

  @Test
  void anotherRateIsRefusedNamingIt() {
    byte[] w = wav(32_000, 1, (short) 1);
    assertThatThrownBy(() -> RiffWav.pcm16kMono(w, 0, w.length))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("32000 Hz");
  }

  @Test
  void stereoIsRefused() {
    byte[] w = wav(16_000, 2, (short) 1, (short) 1);
    assertThatThrownBy(() -> RiffWav.pcm16kMono(w, 0, w.length))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("2 channel(s)");
  }

  @Test
  void somethingElseIsNotAWave() {
    byte[] junk = "SIOD ERROR: unbound variable".getBytes();
    assertThatThrownBy(() -> RiffWav.pcm16kMono(junk, 0, junk.length))
        .isInstanceOf(SynthesisException.class)
        .hasMessageContaining("not RIFF/WAVE");
  }

  @Test
  void anyRateIsDecodedWhenNotPinned() throws Exception {
    byte[] w = wav(24_000, 1, (short) 5, (short) -5);
    RiffWav.Mono16 m = RiffWav.mono16(w, 0, w.length, "the speech server");
    assertThat(m.rate()).isEqualTo(24_000);
    assertThat(m.samples()).containsExactly((short) 5, (short) -5);
  }

  @Test
  void unpinnedRateStillRefusesStereoNamingTheSource() {
    byte[] w = wav(24_000, 2, (short) 1, (short) 1);
    assertThatThrownBy(() -> RiffWav.mono16(w, 0, w.length, "the speech server"))
        .isInstanceOf(SynthesisException.class)
        .hasMessageStartingWith("the speech server sent format")
        .hasMessageContaining("2 channel(s)");
  }
}
