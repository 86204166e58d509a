package dev.voicebot.rtp.aec;

/**
 * Measures how long the caller's line takes to send the bot's audio back, by cross-correlating
 * the 4 ms energy envelopes of what was sent and what came back over the last 1.5 s.
 *
 * <p>The delay is not a property of the line alone: it includes our own jitter buffer, whose
 * depth depends on how the first packets arrived (SIPp's {@code -rtp_echo} returns a backlog at
 * once, leaving six frames buffered) and grows after underruns under load. An echo canceller
 * whose tail does not cover the echo cancels nothing, so the delay is measured, not configured.
 *
 * <p>The first estimate counts as soon as one window correlates clearly; a different delay
 * later must be seen twice in a row, so one noisy window (the caller talking over the bot) does
 * not make the canceller relearn. No allocation after construction. Not thread-safe.
 */
final class EchoDelayEstimator {

    private static final int BLOCK = FarEndHistory.BLOCK;
    /** 1.5 s of envelope: several syllables, so the peak is unambiguous. */
    private static final int WINDOW = 375;
    /**
     * 100 ms between estimates until the first (the canceller waits for it), one second after, and
     * one second too on a line judged echo-free: it is searched only so that an echo that starts
     * later (a speakerphone switched on) is found, and a second more to find it costs the caller
     * nothing, while searching ten times a second on every such line was most of the media plane's
     * CPU.
     */
    private static final int SEARCH_EVERY = 25;
    /** 400 ms: the least envelope that holds a couple of syllables. */
    private static final int MIN_BLOCKS = 100;
    private static final int TRACK_EVERY = 250;
    private static final double FIRST_CORRELATION = 0.8;
    private static final double CHANGE_CORRELATION = 0.6;
    /** Below this envelope spread (rms units) the bot said too little to correlate. */
    private static final double MIN_FAR_SPREAD = 30;
    /**
     * A far envelope whose loudest block is below this cannot have {@link #MIN_FAR_SPREAD} (values
     * in [0, max] spread at most max/2); 1.9 rather than 2 keeps rounding out of that argument.
     */
    private static final double SILENT_FAR_MAX = 1.9 * MIN_FAR_SPREAD;
    /**
     * A caller side whose loudest 4 ms block stays below rms 30 (about -60 dBFS) over the window
     * holds no echo the canceller would engage for ({@link EchoPresence} wants a frame that loud):
     * the search is skipped. That is every search while the bot talks to a silent caller on a line
     * that does not echo, the commonest case there is.
     */
    private static final double MIN_NEAR_LOUDEST = 30;
    /** Blocks per step of the first, rough search (16 ms; the far means below add four). */
    private static final int COARSE = 4;
    /** The rough search's best lags around which the 4 ms correlation is worked out. */
    private static final int CANDIDATES = 3;
    /** A near envelope's variance (rms units squared, per block) below this is rounding, not speech. */
    private static final double MIN_NEAR_VARIANCE = 1e-4;
    /** A change smaller than this (8 ms) is measurement noise, not a new echo path. */
    private static final int MIN_CHANGE_BLOCKS = 2;

    private final FarEndHistory far;
    private final int maxLagBlocks;
    /** Near-end envelope (rms per block), by block number modulo its length. */
    private final double[] nearEnvelope;
    private final long[] nearBlockNumber;
    private final double[] nearWindow = new double[WINDOW];
    private final int[] farIndexAtLagZero = new int[WINDOW];
    private final double[] coarseNear = new double[WINDOW / COARSE];
    private final int[] coarseIndex = new int[WINDOW / COARSE];
    private final int[] candidateLags = new int[CANDIDATES];
    private final double[] candidateCorrelations = new double[CANDIDATES];
    /** The search that last worked out each lag's fine correlation. */
    private final long[] searchedAt;
    private final long[] nearBlocksInWindow = new long[WINDOW];
    /** The far envelope over the blocks one search can pair with (at most the whole history). */
    private final double[] farRange = new double[FarEndHistory.capacity() / BLOCK];
    /** The far envelope in 16 ms means: entry i is the mean of farRange[i, i + COARSE). */
    private final double[] coarseFar = new double[FarEndHistory.capacity() / BLOCK];
    private long nearBlocks;
    private long nextEstimate;
    private int delayBlocks = -1;
    private int candidateBlocks = -1;
    private double lastCorrelation;
    private boolean echoFree;
    private long searches;

    /** @param maxDelaySamples the longest echo delay searched */
    EchoDelayEstimator(FarEndHistory far, int maxDelaySamples) {
        if (maxDelaySamples + (WINDOW + 1) * BLOCK > FarEndHistory.capacity()) {
            throw new IllegalArgumentException("delay beyond the far-end history: " + maxDelaySamples);
        }
        this.far = far;
        this.maxLagBlocks = maxDelaySamples / BLOCK;
        this.searchedAt = new long[maxLagBlocks + 1];
        this.nearEnvelope = new double[WINDOW];
        this.nearBlockNumber = new long[WINDOW];
        this.nextEstimate = SEARCH_EVERY;
    }

    /**
     * Adds the caller's frame for far samples {@code [position, position + length)}; length is a
     * multiple of the block size.
     */
    void onNear(short[] frame, int length, long position) {
        for (int off = 0; off + BLOCK <= length; off += BLOCK) {
            double sum = 0;
            for (int i = off; i < off + BLOCK; i++) {
                double v = frame[i];
                sum += v * v;
            }
            int slot = (int) (nearBlocks % WINDOW);
            nearEnvelope[slot] = Math.sqrt(sum / BLOCK);
            nearBlockNumber[slot] = Math.floorDiv(position + off, BLOCK);
            nearBlocks++;
        }
        if (nearBlocks >= nextEstimate && nearBlocks >= MIN_BLOCKS) {
            nextEstimate = nearBlocks + (delayBlocks < 0 && !echoFree ? SEARCH_EVERY : TRACK_EVERY);
            estimate();
        }
    }

    /** The echo delay in samples (the caller's frame at far time t holds the bot's audio of t - delay), or -1. */
    int delaySamples() {
        return delayBlocks < 0 ? -1 : delayBlocks * BLOCK;
    }

    /**
     * Whether the line has been judged to send no echo back ({@link EchoPresence.State#ABSENT}):
     * then the delay is searched for once a second rather than ten times.
     */
    void lineEchoFree(boolean echoFree) {
        this.echoFree = echoFree;
    }

    /** Cross-correlation searches run so far (those skipped for a silent side are not counted). */
    long searches() {
        return searches;
    }

    /** Peak normalised correlation of the last estimate, for diagnostics. */
    double lastCorrelation() {
        return lastCorrelation;
    }

    /**
     * The echo now comes back {@code samples} later (our playout moved): the delay and a pending
     * candidate move with it, and the caller's envelope already held is re-stamped as if it had
     * come at the new delay, so the next window correlates at one lag, not two.
     */
    void shift(int samples) {
        int blocks = Math.round(samples / (float) BLOCK);
        if (blocks == 0) {
            return;
        }
        if (delayBlocks >= 0) {
            delayBlocks = Math.clamp(delayBlocks + blocks, 0, maxLagBlocks);
        }
        if (candidateBlocks >= 0) {
            candidateBlocks = Math.clamp(candidateBlocks + blocks, 0, maxLagBlocks);
        }
        for (int i = 0; i < nearBlockNumber.length; i++) {
            nearBlockNumber[i] += blocks;
        }
    }

    /** Forgets the delay, e.g. when the peer moved. */
    void reset() {
        nearBlocks = 0;
        nextEstimate = SEARCH_EVERY;
        delayBlocks = -1;
        candidateBlocks = -1;
        echoFree = false;
    }

    private void estimate() {
        int n = (int) Math.min(nearBlocks, WINDOW);
        long oldestFar = far.oldestBlock();
        long farEnd = far.position() / BLOCK;
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        double nearLoudest = 0;
        for (int k = 0; k < n; k++) {
            int slot = (int) ((nearBlocks - n + k) % WINDOW);
            nearWindow[k] = nearEnvelope[slot];
            nearBlocksInWindow[k] = nearBlockNumber[slot];
            lowest = Math.min(lowest, nearBlockNumber[slot]);
            highest = Math.max(highest, nearBlockNumber[slot]);
            nearLoudest = Math.max(nearLoudest, nearEnvelope[slot]);
        }
        if (nearLoudest < MIN_NEAR_LOUDEST) {
            lastCorrelation = -1;
            return;
        }
        // The far envelope any lag can pair with, read once (not once per lag and block: this
        // search is most of what the media plane costs a call). When none of it is loud enough
        // for the spread any lag needs (a spread above half the maximum is impossible), no lag can
        // correlate: the result is the same without the search. That is every search while the
        // bot is silent, on a line that never echoes (the search never locks, so it goes on).
        long first = Math.max(lowest - maxLagBlocks, oldestFar);
        long last = Math.min(highest, farEnd - 1);
        double loudest = 0;
        for (long b = first; b <= last; b++) {
            double rms = far.blockRms(b);
            farRange[(int) (b - first)] = rms;
            loudest = Math.max(loudest, rms);
        }
        int bestLag = -1;
        double best = -1;
        if (n == 0 || last < first || loudest < SILENT_FAR_MAX) {
            lastCorrelation = best;
            return;
        }
        searches++;
        // Where each near block's far partner sits in farRange at lag 0; at lag L it is L before.
        int span = (int) (last - first);
        for (int k = 0; k < n; k++) {
            farIndexAtLagZero[k] = (int) (nearBlocksInWindow[k] - first);
        }
        // Every lag at 4 ms is 160 lags × 375 blocks, ten times a second while a line is judged,
        // on the media clock: it was a third of the media plane's work. So the lags are first
        // ranked on 16 ms envelopes, every 16 ms, and only around the best few is the 4 ms
        // correlation worked out. An echo is a copy of the bot's audio, so its 16 ms envelope
        // peaks within 8 ms of the true lag, which the fine search then finds exactly.
        rankCoarseLags(n, span);
        for (int c = 0; c < CANDIDATES && candidateLags[c] >= 0; c++) {
            int from = Math.max(0, candidateLags[c] - (COARSE - 1));
            int to = Math.min(maxLagBlocks, candidateLags[c] + (COARSE - 1));
            for (int lag = from; lag <= to; lag++) {
                if (searchedAt[lag] == searches) {
                    continue; // two candidates' neighbourhoods overlap
                }
                searchedAt[lag] = searches;
                double correlation = fineCorrelation(lag, n, span);
                if (correlation > best) {
                    best = correlation;
                    bestLag = lag;
                }
            }
        }
        lastCorrelation = best;
        if (bestLag < 0) {
            return;
        }
        if (delayBlocks < 0) {
            if (best >= FIRST_CORRELATION) {
                delayBlocks = bestLag;
            }
            return;
        }
        if (best < CHANGE_CORRELATION || Math.abs(bestLag - delayBlocks) < MIN_CHANGE_BLOCKS) {
            candidateBlocks = -1;
            return;
        }
        if (candidateBlocks >= 0 && Math.abs(bestLag - candidateBlocks) < MIN_CHANGE_BLOCKS) {
            delayBlocks = bestLag;
            candidateBlocks = -1;
        } else {
            candidateBlocks = bestLag;
        }
    }

    /**
     * The normalised correlation at {@code lag} of the 4 ms envelopes, or NaN when too few pairs
     * or too little spread.
     */
    private double fineCorrelation(int lag, int n, int span) {
        return correlation(farRange, span, nearWindow, farIndexAtLagZero, n, lag, MIN_BLOCKS,
                MIN_FAR_SPREAD * MIN_FAR_SPREAD);
    }

    /**
     * Pearson correlation between {@code near[k]} and {@code far[farIndexAtLagZero[k] - lag]} over
     * the k whose far index is in {@code [0, lastFar]}: a pair counts only if its far audio was
     * really sent, since before the bot's first frame there is nothing to correlate with, and
     * counting it as silence invents a match. NaN with fewer than {@code minPairs} pairs or a far
     * variance under {@code minFarVariance} per pair. One pass over the sums the correlation needs.
     */
    private static double correlation(double[] far, int lastFar, double[] near, int[] farIndexAtLagZero, int count,
            int lag, int minPairs, double minFarVariance) {
        int m = 0;
        double farSum = 0;
        double farSquares = 0;
        double nearSum = 0;
        double nearSquares = 0;
        double products = 0;
        for (int k = 0; k < count; k++) {
            int index = farIndexAtLagZero[k] - lag;
            if (index >= 0 && index <= lastFar) {
                double f = far[index];
                double v = near[k];
                m++;
                farSum += f;
                farSquares += f * f;
                nearSum += v;
                nearSquares += v * v;
                products += f * v;
            }
        }
        if (m < minPairs) {
            return Double.NaN;
        }
        double farVar = farSquares - farSum * farSum / m;
        double nearVar = nearSquares - nearSum * nearSum / m;
        // The sums of squares are up to 4e11: below a spread of 0.01 rms the near variance is
        // their rounding, not the caller's envelope.
        if (farVar < minFarVariance * m || nearVar <= MIN_NEAR_VARIANCE * m) {
            return Double.NaN;
        }
        return (products - farSum * nearSum / m) / Math.sqrt(farVar * nearVar);
    }

    /**
     * Fills {@link #candidateLags} with the {@link #CANDIDATES} lags (multiples of {@link #COARSE})
     * whose 16 ms envelopes correlate best, best first, -1 where fewer qualify. Near: the mean of
     * {@link #COARSE} consecutive blocks; far: the mean of the {@link #COARSE} blocks from the
     * partner of the group's first block on.
     */
    private void rankCoarseLags(int n, int span) {
        int groups = n / COARSE;
        int skip = n - groups * COARSE; // the oldest blocks that make no whole group
        for (int g = 0; g < groups; g++) {
            int k = skip + g * COARSE;
            double sum = 0;
            for (int i = 0; i < COARSE; i++) {
                sum += nearWindow[k + i];
            }
            coarseNear[g] = sum / COARSE;
            coarseIndex[g] = farIndexAtLagZero[k];
        }
        int lastGroupStart = span - (COARSE - 1);
        for (int i = 0; i <= lastGroupStart; i++) {
            coarseFar[i] = (farRange[i] + farRange[i + 1] + farRange[i + 2] + farRange[i + 3]) / COARSE;
        }
        java.util.Arrays.fill(candidateLags, -1);
        java.util.Arrays.fill(candidateCorrelations, Double.NEGATIVE_INFINITY);
        for (int lag = 0; lag <= maxLagBlocks; lag += COARSE) {
            double c = correlation(coarseFar, lastGroupStart, coarseNear, coarseIndex, groups, lag,
                    MIN_BLOCKS / COARSE, MIN_NEAR_VARIANCE);
            for (int i = 0; i < CANDIDATES; i++) {
                if (c > candidateCorrelations[i]) {
                    System.arraycopy(candidateCorrelations, i, candidateCorrelations, i + 1, CANDIDATES - 1 - i);
                    System.arraycopy(candidateLags, i, candidateLags, i + 1, CANDIDATES - 1 - i);
                    candidateCorrelations[i] = c;
                    candidateLags[i] = lag;
                    break;
                }
            }
        }
    }
}
