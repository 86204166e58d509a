package dev.voicebot.rtp.codec;

/**
 * The constants of ITU-T G.722 (64 kbit/s mode), in the fixed-point scaling of the
 * Recommendation's block descriptions.
 */
final class G722Tables {

    /** QMF coefficients h0..h23 (× 2^13); the filter is symmetric, h(i) = h(23 − i). */
    static final int[] QMF = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3,
    };

    /** Lower sub-band: decision levels of the 6-bit quantizer (× DETL / 2^12), index mil = 1..29. */
    static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
    };

    /** Code word for a negative difference in quantizer interval mil (1..30). */
    static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
    };

    /** Code word for a non-negative difference in quantizer interval mil (1..30). */
    static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
    };

    /**
     * Lower sub-band inverse quantizer on the 4 most significant bits of the code: the predictor
     * and scale adaptation only ever see these, so 56 and 48 kbit/s decoders stay in step.
     */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
    };

    /** Lower sub-band inverse quantizer on all 6 bits: what a 64 kbit/s decoder outputs. */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136,
    };

    /** Lower sub-band log scale factor multipliers, by quantizer magnitude (RL42 below). */
    static final int[] WL = {-60, -30, 58, 172, 334, 538, 1198, 3042};

    /** Maps the 4-bit lower code to its magnitude index into {@link #WL}. */
    static final int[] RL42 = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};

    /** Upper sub-band: decision level of the 2-bit quantizer (× DETH / 2^12). */
    static final int Q2 = 564;

    /** Upper code word by sign and interval mih (1 = inner, 2 = outer). */
    static final int[] IHN = {0, 1, 0};
    static final int[] IHP = {0, 3, 2};

    /** Upper sub-band inverse quantizer, indexed by the 2-bit code. */
    static final int[] QM2 = {-7408, -1616, 7408, 1616};

    /** Upper sub-band log scale factor multipliers, indexed through RH2. */
    static final int[] WH = {0, -214, 798};
    static final int[] RH2 = {2, 1, 2, 1};

    /** 2^(i/32) × 2^11: the antilog table of the scale factor computation (SCALEL/SCALEH). */
    static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    };

    private G722Tables() {
    }
}
