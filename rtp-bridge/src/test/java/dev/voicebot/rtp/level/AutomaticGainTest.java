package dev.voicebot.rtp.level;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AutomaticGainTest {

    private static final int FRAME = 320;

    private static short[] tone(double dbfs) {
        short[] frame = new short[FRAME];
        double amplitude = 32768 * Math.pow(10, dbfs / 20) * Math.sqrt(2);
        for (int i = 0; i < FRAME; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return frame;
    }

    private static double dbfs(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / FRAME / (32768.0 * 32768.0));
    }

    @Test
    void aQuietCallerIsRaisedTowardsTheTargetAfterTheirFirstWords() {
        var gain = new AutomaticGain();
        for (int i = 0; i < 150; i++) { // 3 s of silence: the greeting
            gain.process(new short[FRAME], FRAME);
        }
        for (int i = 0; i < 50; i++) { // a second of a quiet caller at -34 dBFS
            gain.process(tone(-34), FRAME);
        }
        short[] frame = tone(-34);
        gain.process(frame, FRAME);
        assertThat(dbfs(frame)).isCloseTo(AutomaticGain.TARGET_PEAK_DBFS, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void aLoudCallerIsNeverLoweredNorClipped() {
        var gain = new AutomaticGain();
        for (int i = 0; i < 500; i++) { // 10 s of silence: the gain at its most
            gain.process(new short[FRAME], FRAME);
        }
        assertThat(gain.gainDb()).isCloseTo(AutomaticGain.MAX_GAIN_DB, org.assertj.core.data.Offset.offset(0.1));
        short[] loud = tone(-12);
        gain.process(loud, FRAME);
        assertThat(dbfs(loud)).as("the frame's own level caps its gain")
            .isCloseTo(-12, org.assertj.core.data.Offset.offset(0.1));
        short[] next = tone(-12);
        gain.process(next, FRAME);
        assertThat(dbfs(next)).isCloseTo(-12, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aSilentLineStaysSilent() {
        var gain = new AutomaticGain();
        short[] hiss = tone(-70);
        for (int i = 0; i < 500; i++) {
            hiss = tone(-70);
            gain.process(hiss, FRAME);
        }
        assertThat(dbfs(hiss)).isLessThan(-51);
    }
}
