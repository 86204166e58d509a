package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SilenceTrimmingSynthesizerTest {

  private static short[] padded(int leadMs, int soundMs, int tailMs) {
    short[] pcm = new short[(leadMs + soundMs + tailMs) * 16];
    for (int i = leadMs * 16; i < (leadMs + soundMs) * 16; i++) {
      pcm[i] = (short) (i % 2 == 0 ? 3000 : -3000);
    }
    return pcm;
  }

  @Test
  void cutsLeadingSilenceToFiveMillisecondsAndTrailingSilenceToAShortPause() throws Exception {
    var trimming = new SilenceTrimmingSynthesizer(fixed(padded(200, 500, 200)));

    short[] out = trimming.synthesize("hello");

    assertThat(out.length).isEqualTo((5 + 500 + 120) * 16);
    assertThat(out[5 * 16]).isNotZero();
    assertThat(out[5 * 16 - 1]).isZero();
  }

  @Test
  void leavesAudioWithoutPaddingAsItIs() throws Exception {
    short[] tight = padded(0, 300, 0);

    assertThat(new SilenceTrimmingSynthesizer(fixed(tight)).synthesize("x")).isSameAs(tight);
  }

  @Test
  void leavesAllSilentAudioAlone() throws Exception {
    short[] silent = new short[1600];

    assertThat(new SilenceTrimmingSynthesizer(fixed(silent)).synthesize("x")).hasSize(1600);
  }

  private static SpeechSynthesizer fixed(short[] pcm) {
    return new SpeechSynthesizer() {
      @Override
      public short[] synthesize(String text) {
        return pcm;
      }

      @Override
      public void close() {}
    };
  }
}
