package dev.voicebot.rtp.level;

/**
 * Raises a quiet caller to the level the speech models are at ease with, never lowers a loud one.
 *
 * <p>Why: Vosk's acoustic model and Silero's VAD are not level-invariant. Measured on phone-band
 * human digits (FSDD) at -38 dBov active level, Vosk's digit grammar lost most of the digits of
 * two of three speakers ("nine eight seven six five" heard as "five") and Silero stayed under its
 * onset threshold, while the same audio 12 dB louder was read back like the -26 dBov line. Quiet
 * callers (a soft voice, a handset held away, a lossy gateway) are common on real trunks.
 *
 * <p>How: the gain follows the loudest recent frame (a peak that jumps up at once and falls at
 * {@value #PEAK_DECAY_DB_PER_SECOND} dB/s), aiming that peak at {@value #TARGET_PEAK_DBFS} dBFS,
 * between 0 and {@value #MAX_GAIN_DB} dB. Each frame's own level caps its gain, so a caller who
 * starts loud is never clipped; the gain falls at once and rises smoothly across a frame (no clicks). Line
 * noise is raised with the words (its ratio to the words is unchanged), but frames below {@value
 * #MIN_PEAK_DBFS} dBFS never set the peak, so a silent line is not raised to audible hiss.
 *
 * <p>Media clock thread only; no allocation.
 */
public final class AutomaticGain {

    static final double TARGET_PEAK_DBFS = -20;
    static final double MAX_GAIN_DB = 18;
    static final double PEAK_DECAY_DB_PER_SECOND = 4;
    /** Quieter frames are not words: they do not move the peak. */
    static final double MIN_PEAK_DBFS = -55;
    private static final double FRAME_SECONDS = 0.02;

    /**
     * The loudest recent frame, dBFS. It starts as a nominal line's (gain 0 dB) and sinks while
     * the caller is silent (the greeting), so their first words get some of the gain at once.
     */
    private double peakDbfs = TARGET_PEAK_DBFS;
    private double gain = 1;

    /** Applies the gain to one 20 ms frame in place. */
    public void process(short[] frame, int length) {
        double level = levelDbfs(frame, length);
        double decayed = Math.max(TARGET_PEAK_DBFS - MAX_GAIN_DB, peakDbfs - PEAK_DECAY_DB_PER_SECOND * FRAME_SECONDS);
        peakDbfs = level >= MIN_PEAK_DBFS ? Math.max(level, decayed) : decayed;
        double gainDb = Math.clamp(TARGET_PEAK_DBFS - peakDbfs, 0, MAX_GAIN_DB);
        double target = Math.pow(10, gainDb / 20);
        if (target < gain) {
            gain = target; // down at once: a loud onset is never raised into clipping
        }
        if (target == gain) {
            // Steady (every frame of a caller at a nominal level, at 0 dB): a constant, or nothing.
            if (gain != 1) {
                for (int i = 0; i < length; i++) {
                    frame[i] = scaled(frame[i], gain);
                }
            }
            return;
        }
        double step = (target - gain) / length; // up smoothly: no click
        for (int i = 0; i < length; i++) {
            gain += step;
            frame[i] = scaled(frame[i], gain);
        }
        gain = target;
    }

    /** Rounded half away from zero and clipped: a truncating conversion, cheaper than Math.round. */
    private static short scaled(short sample, double gain) {
        double v = Math.clamp(sample * gain, Short.MIN_VALUE, Short.MAX_VALUE);
        return (short) (int) (v + (v < 0 ? -0.5 : 0.5));
    }

    /** The gain now applied, in dB. */
    public double gainDb() {
        return 20 * Math.log10(gain);
    }

    private static double levelDbfs(short[] frame, int length) {
        long sum = 0; // exact: 320 squares of 2^30 at most
        for (int i = 0; i < length; i++) {
            int s = frame[i];
            sum += s * s;
        }
        double meanSquare = (double) sum / length / (32768.0 * 32768.0);
        return meanSquare <= 0 ? -120 : 10 * Math.log10(meanSquare);
    }
}
