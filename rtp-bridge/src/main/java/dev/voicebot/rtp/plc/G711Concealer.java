package dev.voicebot.rtp.plc;

/**
 * Packet loss concealment after ITU-T G.711 Appendix I: keep the last ~49 ms of received audio,
 * estimate its pitch period, and during a loss repeat the last pitch period, widening to two and
 * three periods after 10 and 20 ms so a long loss does not buzz, fading out 20 % per 10 ms after
 * the first 10 ms until silence at 60 ms. The first audio after the loss is cross-faded with the
 * synthetic continuation (4 ms, plus 4 ms per further 10 ms lost, at most 10 ms).
 *
 * <p>One deliberate departure: Appendix I delays all audio by 3.75 ms so that it can cross-fade
 * into the repeated period inside samples not yet played. A voice bot pays for every millisecond,
 * so this concealer adds no delay: it starts the repetition offset to meet the last real sample
 * and lets the offset fade over a quarter pitch period, which removes the step at the junction
 * just the same. Without loss, audio passes through untouched.
 *
 * <p>Works at any rate that is a multiple of 8 kHz (pitch range and durations scale with it), so
 * G.722 uses it at 16 kHz. Single-threaded; allocates nothing after construction.
 */
public final class G711Concealer {

    private static final int PERIODS_MAX = 3;

    private final int tenMs;
    private final int pitchMin;
    private final int pitchMax;
    private final int correlationLength;
    private final int coarseStep;
    /** Newest sample last. */
    private final short[] history;
    private int historyFill;

    private boolean erasing;
    /** Samples synthesised so far in the current loss. */
    private int lost;
    /** 0 when there was too little history to estimate one: conceal with silence. */
    private int pitch;
    private int periods;
    private int previousPeriods;
    private int blendLeft;
    private int blendLength;
    private int junctionOffset;
    private int junctionLength;

    public G711Concealer(int sampleRate) {
        if (sampleRate <= 0 || sampleRate % 8000 != 0) {
            throw new IllegalArgumentException("sample rate must be a multiple of 8000: " + sampleRate);
        }
        int scale = sampleRate / 8000;
        this.tenMs = 80 * scale;
        this.pitchMin = 40 * scale;   // 200 Hz
        this.pitchMax = 120 * scale;  // 66.7 Hz
        this.correlationLength = 160 * scale; // 20 ms
        this.coarseStep = 2 * scale;  // the coarse search runs at 4 kHz
        this.history = new short[PERIODS_MAX * pitchMax + pitchMax / 4];
    }

    /**
     * Passes received audio through in place: untouched, except right after a loss, where its
     * start is cross-faded with the concealment. Also remembers it for the next loss.
     */
    public void received(short[] pcm, int off, int len) {
        if (erasing) {
            if (pitch > 0) {
                int extraTens = Math.max(0, (lost - 1) / tenMs);
                int fade = Math.min(len, Math.min(tenMs * 4 / 10 * (1 + extraTens), tenMs));
                for (int i = 0; i < fade; i++) {
                    double w = (i + 1.0) / (fade + 1);
                    pcm[off + i] = clamp((1 - w) * synthesise(lost + i) + w * pcm[off + i]);
                }
            }
            erasing = false;
        }
        remember(pcm, off, len);
    }

    /** Writes {@code len} samples of concealment, continuing the current loss if there is one. */
    public void conceal(short[] out, int off, int len) {
        if (!erasing) {
            begin();
        }
        for (int i = 0; i < len; i++) {
            out[off + i] = clamp(synthesise(lost));
            lost++;
        }
    }

    /** Whether the last thing produced was concealment (the next received audio will be faded in). */
    public boolean concealing() {
        return erasing;
    }

    /** Forgets the history: the stream restarted or paused, so old audio must not be repeated. */
    public void reset() {
        historyFill = 0;
        erasing = false;
    }

    private void begin() {
        erasing = true;
        lost = 0;
        periods = 1;
        blendLeft = 0;
        if (historyFill < correlationLength + pitchMax) {
            pitch = 0;
            return;
        }
        pitch = estimatePitch();
        int end = history.length;
        junctionLength = pitch / 4;
        junctionOffset = history[end - 1] - history[end - 1 - pitch];
    }

    private double synthesise(int t) {
        if (pitch == 0) {
            return 0;
        }
        if (t > 0 && t % tenMs == 0 && t / tenMs == periods && periods < PERIODS_MAX
                && (periods + 1) * pitch <= historyFill) {
            // Widen the repeated stretch; cross-fade so the switch itself makes no click.
            previousPeriods = periods;
            periods++;
            blendLength = pitch / 4;
            blendLeft = blendLength;
        }
        double v = periodic(periods, t);
        if (blendLeft > 0) {
            double w = (double) blendLeft / (blendLength + 1);
            v = w * periodic(previousPeriods, t) + (1 - w) * v;
            blendLeft--;
        }
        if (t < junctionLength) {
            v += junctionOffset * (1.0 - (t + 1.0) / (junctionLength + 1));
        }
        return v * gain(t);
    }

    private double periodic(int k, int t) {
        int cycle = k * pitch;
        return history[history.length - cycle + t % cycle];
    }

    private double gain(int t) {
        if (t < tenMs) {
            return 1;
        }
        return Math.max(0, 1 - 0.2 * (t - tenMs) / tenMs);
    }

    /**
     * The lag in [pitchMin, pitchMax] whose segment best matches the last 20 ms by normalised
     * cross-correlation: first on a decimated grid, then at full resolution around the winner.
     */
    private int estimatePitch() {
        int best = coarse();
        int from = Math.max(pitchMin, best - coarseStep + 1);
        int to = Math.min(pitchMax, best + coarseStep - 1);
        return search(from, to, 1);
    }

    private int coarse() {
        return search(pitchMin, pitchMax, coarseStep);
    }

    private int search(int from, int to, int step) {
        int end = history.length;
        int start = end - correlationLength;
        int best = to;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = from; lag <= to; lag += step) {
            double correlation = 0;
            double energy = 0;
            for (int j = start; j < end; j += step) {
                double candidate = history[j - lag];
                correlation += history[j] * candidate;
                energy += candidate * candidate;
            }
            if (energy <= 0) {
                continue;
            }
            double score = correlation / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private void remember(short[] pcm, int off, int len) {
        int n = history.length;
        if (len >= n) {
            System.arraycopy(pcm, off + len - n, history, 0, n);
        } else {
            System.arraycopy(history, len, history, 0, n - len);
            System.arraycopy(pcm, off, history, n - len, len);
        }
        historyFill = Math.min(n, historyFill + len);
    }

    private static short clamp(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
