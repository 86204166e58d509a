package dev.voicebot.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EModelTest {

    @Test
    void aCleanShortCallRatesAsG711Best() {
        double r = EModel.rFactor(0, 0);
        assertThat(r).isEqualTo(93.2);
        assertThat(EModel.mos(r)).isCloseTo(4.41, within(0.01));
    }

    @Test
    void mosFallsMonotonicallyWithLoss() {
        double previous = Double.MAX_VALUE;
        for (double loss = 0; loss <= 60; loss += 0.5) {
            double mos = EModel.mos(EModel.rFactor(60, loss));
            assertThat(mos).as("loss %.1f %%", loss).isLessThan(previous).isBetween(1.0, 4.5);
            previous = mos;
        }
        for (double loss = 60; loss <= 100; loss += 5) {
            assertThat(EModel.mos(EModel.rFactor(60, loss))).isLessThanOrEqualTo(previous);
        }
        // G.113 with PLC: 1 % random loss costs G.711 ~3.6 R points; 5 % ~15.9.
        assertThat(EModel.rFactor(0, 1)).isCloseTo(93.2 - 95.0 / 26.1, within(1e-9));
        assertThat(EModel.mos(EModel.rFactor(0, 5))).isBetween(3.8, 4.0);
    }

    @Test
    void mosFallsWithDelayAndFasterBeyond177ms() {
        double atZero = EModel.rFactor(0, 0);
        double at150 = EModel.rFactor(150, 0);
        double at300 = EModel.rFactor(300, 0);
        assertThat(atZero - at150).isCloseTo(3.6, within(1e-9));
        assertThat(at150 - at300).isGreaterThan(atZero - at150 + 10);
        assertThat(EModel.mos(at300)).isLessThan(EModel.mos(at150));
    }
}
