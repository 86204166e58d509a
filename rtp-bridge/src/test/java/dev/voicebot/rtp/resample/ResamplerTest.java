package dev.voicebot.rtp.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static short[] tone(double hz, int rate, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    /** RMS over [from, to), skipping the filter's start-up transient. */
    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    void upsamplingKeepsTheTelephoneBandFlatWithinHalfADecibel() {
        for (int hz = 300; hz <= 3400; hz += 100) {
            short[] in = tone(hz, 8000, 8000, 10000);
            short[] out = new short[16000];
            Resampler up = Resampler.upsample8kTo16k();
            assertThat(up.process(in, 0, in.length, out, 0)).isEqualTo(16000);
            double gain = db(rms(out, 1000, 16000) / rms(in, 500, 8000));
            assertThat(gain).as("gain at %d Hz", hz).isBetween(-0.5, 0.5);
        }
    }

    @Test
    void downsamplingRejectsA5kHzToneByAtLeast50dB() {
        short[] in = tone(5000, 16000, 16000, 20000);
        short[] out = new short[8000];
        Resampler down = Resampler.downsample16kTo8k();
        assertThat(down.process(in, 0, in.length, out, 0)).isEqualTo(8000);
        double attenuation = db(rms(out, 500, 8000) / rms(in, 1000, 16000));
        assertThat(attenuation).isLessThanOrEqualTo(-50);
    }

    @Test
    void downsamplingPassesA1kHzToneUnchangedInLevel() {
        short[] in = tone(1000, 16000, 16000, 10000);
        short[] out = new short[8000];
        Resampler.downsample16kTo8k().process(in, 0, in.length, out, 0);
        assertThat(db(rms(out, 500, 8000) / rms(in, 1000, 16000))).isBetween(-0.1, 0.1);
    }

    @Test
    void roundTripOfA1kHzToneHasAtLeast40dBSignalToNoise() {
        short[] in = tone(1000, 8000, 8000, 12000);
        short[] wide = new short[16000];
        short[] back = new short[8000];
        Resampler.upsample8kTo16k().process(in, 0, in.length, wide, 0);
        Resampler.downsample16kTo8k().process(wide, 0, wide.length, back, 0);
        int delay = Resampler.GROUP_DELAY_16K; // two conversions of D at 16 kHz = D samples at 8 kHz
        double signal = 0;
        double noise = 0;
        for (int n = 500; n < 8000 - delay; n++) {
            double e = back[n + delay] - in[n];
            signal += (double) in[n] * in[n];
            noise += e * e;
        }
        assertThat(10 * Math.log10(signal / noise)).isGreaterThanOrEqualTo(40);
    }

    @Test
    void processingIn20msChunksEqualsProcessingInOneBlock() {
        short[] in8 = tone(440, 8000, 8000, 9000);
        short[] whole = new short[16000];
        Resampler.upsample8kTo16k().process(in8, 0, in8.length, whole, 0);
        short[] chunked = new short[16000];
        Resampler up = Resampler.upsample8kTo16k();
        for (int off = 0; off < in8.length; off += 160) {
            up.process(in8, off, 160, chunked, off * 2);
        }
        assertThat(chunked).isEqualTo(whole);

        short[] wholeDown = new short[8000];
        Resampler.downsample16kTo8k().process(whole, 0, whole.length, wholeDown, 0);
        short[] chunkedDown = new short[8000];
        Resampler down = Resampler.downsample16kTo8k();
        int o = 0;
        // Odd chunk lengths too: the decimation phase must carry across calls.
        int[] sizes = {320, 319, 1, 321, 39};
        int i = 0;
        for (int off = 0; off < whole.length; i++) {
            int n = Math.min(sizes[i % sizes.length], whole.length - off);
            o += down.process(whole, off, n, chunkedDown, o);
            off += n;
        }
        assertThat(o).isEqualTo(8000);
        assertThat(chunkedDown).isEqualTo(wholeDown);
    }

    @Test
    void resetForgetsPreviousSignal() {
        Resampler up = Resampler.upsample8kTo16k();
        short[] loud = tone(1000, 8000, 160, 20000);
        up.process(loud, 0, loud.length, new short[320], 0);
        up.reset();
        short[] out = new short[320];
        up.process(new short[160], 0, 160, out, 0);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void halfBandShortcutsGiveTheDirectFormFiltersOutputWithinOneStep() {
        // The resampler skips the filter's zero taps and folds its symmetric ones: against the
        // plain convolution with every tap, on white noise (every frequency, full scale).
        java.util.Random random = new java.util.Random(7);
        short[] in8 = new short[4000];
        short[] in16 = new short[8000];
        for (int i = 0; i < in8.length; i++) {
            in8[i] = (short) (random.nextGaussian() * 8000);
        }
        for (int i = 0; i < in16.length; i++) {
            in16[i] = (short) (random.nextGaussian() * 8000);
        }
        double[] h = LowPassDesign.kaiserSinc(Resampler.TAPS, 0.25, 7.0);

        short[] up = new short[2 * in8.length];
        Resampler.upsample8kTo16k().process(in8, 0, in8.length, up, 0);
        for (int t = 0; t < up.length; t++) {
            double acc = 0; // the zero-stuffed input at 16 kHz, filtered, times 2
            for (int n = 0; n < h.length; n++) {
                int s = t - n;
                if (s >= 0 && s % 2 == 0) {
                    acc += 2 * h[n] * in8[s / 2];
                }
            }
            assertThat((double) up[t]).as("upsampled sample %d", t).isCloseTo(clampShort(acc), within(1.0));
        }

        short[] down = new short[in16.length / 2];
        Resampler.downsample16kTo8k().process(in16, 0, in16.length, down, 0);
        for (int t = 0; t < down.length; t++) {
            double acc = 0;
            for (int n = 0; n < h.length; n++) {
                int s = 2 * t - n;
                if (s >= 0) {
                    acc += h[n] * in16[s];
                }
            }
            assertThat((double) down[t]).as("downsampled sample %d", t).isCloseTo(clampShort(acc), within(1.0));
        }
    }

    private static double clampShort(double v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
