package dev.voicebot.rtp.plc;

/**
 * RFC 3389 comfort noise on the receive side: the sender stops sending during silence and tells
 * us the level of its background noise instead; playing that noise rather than digital silence
 * keeps the caller's line from sounding dead (and keeps a VAD downstream from seeing a cliff).
 *
 * <p>Only the level byte is used; the optional spectral coefficients are ignored, and the noise
 * is gently low-passed white noise, which is how most telephones render it anyway.
 * Single-threaded; allocates nothing.
 */
public final class ComfortNoise {

    /** Full-scale square wave, the 0 dBov reference of RFC 3389 §3 in 16-bit samples. */
    private static final double FULL_SCALE = 32767;
    /** One-pole low-pass coefficient: takes the edge off white noise. */
    private static final double POLE = 0.5;

    private int level = -1;
    private double amplitude;
    private double state;
    private int seed = 0x2545F491;

    /** The noise level in −dBov (0..127) of an RFC 3389 payload, or −1 if it has no level byte. */
    public static int levelOf(byte[] payload, int off, int len) {
        return len < 1 ? -1 : payload[off] & 0x7F;
    }

    /** Starts (or updates) noise at {@code minusDbov} dB below overload. */
    public void setLevel(int minusDbov) {
        if (minusDbov < 0 || minusDbov > 127) {
            throw new IllegalArgumentException("level must be 0..127 -dBov: " + minusDbov);
        }
        level = minusDbov;
        double rms = FULL_SCALE * Math.pow(10, -minusDbov / 20.0);
        // Uniform noise in [-a, a] has an RMS of a/√3; the low-pass raises it by 1/√(1 − pole²).
        amplitude = rms * Math.sqrt(3) * Math.sqrt(1 - POLE * POLE);
    }

    /** Stops the noise: speech resumed or the stream changed. */
    public void clear() {
        level = -1;
    }

    public boolean active() {
        return level >= 0;
    }

    /** The current level in −dBov, or −1 when inactive. */
    public int level() {
        return level;
    }

    /** Writes {@code len} samples of noise at the current level (silence when inactive). */
    public void fill(short[] out, int off, int len) {
        if (!active()) {
            java.util.Arrays.fill(out, off, off + len, (short) 0);
            return;
        }
        for (int i = 0; i < len; i++) {
            // xorshift32: cheap, and per-instance so no shared state between calls.
            seed ^= seed << 13;
            seed ^= seed >>> 17;
            seed ^= seed << 5;
            double uniform = seed * (1.0 / 2147483648.0);
            state = POLE * state + amplitude * uniform;
            out[off + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(state)));
        }
    }
}
