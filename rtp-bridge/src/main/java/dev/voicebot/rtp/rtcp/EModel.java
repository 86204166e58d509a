package dev.voicebot.rtp.rtcp;

/**
 * A reduced ITU-T G.107 E-model for G.711 calls: the transmission rating R from one-way delay
 * and packet loss, and the MOS it predicts. Default values for everything else (Ro - Is = 93.2).
 */
public final class EModel {

    /** R with no impairment beyond G.107's defaults. */
    public static final double R_MAX = 93.2;
    /** G.113 Appendix I: packet-loss robustness of G.711 with packet loss concealment. */
    public static final double BPL_G711_PLC = 25.1;

    private EModel() {
    }

    /**
     * @param oneWayDelayMillis mouth-to-ear delay (network plus buffering)
     * @param lossPercent       random packet loss, 0-100
     */
    public static double rFactor(double oneWayDelayMillis, double lossPercent) {
        double d = Math.max(0, oneWayDelayMillis);
        // Delay impairment, the usual simplification of G.107's Idd (Cole and Rosenbluth 2001).
        double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        double ppl = Math.clamp(lossPercent, 0, 100);
        double ie = 0; // G.711
        double ieEff = ie + (95 - ie) * ppl / (ppl + BPL_G711_PLC); // BurstR = 1: random loss
        return R_MAX - id - ieEff;
    }

    /** G.107 Annex B mapping from R to MOS (1-4.5). */
    public static double mos(double r) {
        if (r <= 0) {
            return 1;
        }
        if (r >= 100) {
            return 4.5;
        }
        // Below R ~ 6.5 the cubic dips under 1; MOS is 1 there.
        return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }
}
