package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {

  private static final double AMPLITUDE = 12_000;

  @ParameterizedTest
  @ValueSource(ints = {300, 1000, 3400, 6000})
  void upsamplingAToneFrom16To24KhzKeepsItCleanToAtLeast70Db(int hz) {
    Resampler r = Resampler.of(16_000, 24_000);
    short[] out = r.process(tone(hz, 16_000, 16_000));
    assertThat(out.length).isBetween(23_990, 24_000);
    assertThat(snrDb(out, hz, 24_000, r.delayInOutputSamples())).isGreaterThan(70);
  }

  @ParameterizedTest
  @ValueSource(ints = {300, 1000, 3400, 6000})
  void downsamplingAToneFrom24To16KhzKeepsItCleanToAtLeast70Db(int hz) {
    Resampler r = Resampler.of(24_000, 16_000);
    short[] out = r.process(tone(hz, 24_000, 24_000));
    assertThat(out.length).isBetween(15_990, 16_000);
    assertThat(snrDb(out, hz, 16_000, r.delayInOutputSamples())).isGreaterThan(70);
  }

  @Test
  void downsamplingRejectsContentAbove8KhzInsteadOfAliasingIt() {
    Resampler r = Resampler.of(24_000, 16_000);
    // 9.5 kHz would alias to 6.5 kHz, right in the band a caller hears.
    short[] out = r.process(tone(9_500, 24_000, 24_000));
    double rms = rms(out, 200, out.length);
    assertThat(20 * Math.log10(rms / (AMPLITUDE / Math.sqrt(2)))).isLessThan(-60);
  }

  @Test
  void chunkBoundariesDoNotChangeTheOutput() {
    short[] in = tone(1234, 16_000, 8_000);
    short[] whole = Resampler.of(16_000, 24_000).process(in);
    Resampler chunked = Resampler.of(16_000, 24_000);
    short[] joined = new short[0];
    int[] sizes = {320, 1, 7, 320, 999, 160};
    int at = 0;
    for (int i = 0; at < in.length; i++) {
      int n = Math.min(sizes[i % sizes.length], in.length - at);
      joined = concat(joined, chunked.process(in, at, n));
      at += n;
    }
    assertThat(joined).containsExactly(whole);
  }

  @Test
  void everyTwentyMillisecondFrameGivesThirtyMillisecondsAt24Khz() {
    Resampler r = Resampler.of(16_000, 24_000);
    for (int i = 0; i < 10; i++) {
      assertThat(r.process(new short[320])).hasSize(480);
    }
  }

  @Test
  void aRoundTripThroughTheModelRateKeepsSpeechBandAudio() {
    short[] in = tone(2_000, 16_000, 16_000);
    Resampler upward = Resampler.of(16_000, 24_000);
    Resampler downward = Resampler.of(24_000, 16_000);
    short[] back = downward.process(upward.process(in));
    double delay = upward.delayInOutputSamples() * 16.0 / 24 + downward.delayInOutputSamples();
    assertThat(snrDb(back, 2_000, 16_000, delay)).isGreaterThan(65);
  }

  private static short[] tone(int hz, int rate, int samples) {
    short[] pcm = new short[samples];
    for (int i = 0; i < samples; i++) {
      pcm[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return pcm;
  }

  /** Signal-to-error ratio against the ideal delayed tone, skipping the filter's start-up. */
  private static double snrDb(short[] out, int hz, int rate, double delay) {
    double signal = 0;
    double error = 0;
    for (int i = 400; i < out.length; i++) {
      double ideal = AMPLITUDE * Math.sin(2 * Math.PI * hz * (i - delay) / rate);
      signal += ideal * ideal;
      error += (out[i] - ideal) * (out[i] - ideal);
    }
    return 10 * Math.log10(signal / error);
  }

  private static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  private static short[] concat(short[] a, short[] b) {
    short[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
