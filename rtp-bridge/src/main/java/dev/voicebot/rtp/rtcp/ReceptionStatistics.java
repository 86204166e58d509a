package dev.voicebot.rtp.rtcp;

/**
 * What we received from the peer's RTP source, per RFC 3550 Appendix A.1 (sequence tracking),
 * A.3 (loss) and A.8 (interarrival jitter).
 *
 * <p>Fed by the session's receive thread and read by the RTCP sender and quality queries, so
 * every method is synchronized: uncontended, and never on the media clock thread. A new SSRC
 * (a PBX transfer) starts the statistics afresh, as RFC 3550 treats it as a new source.
 */
public final class ReceptionStatistics {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private int clockRate;

    private boolean hasSource;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private boolean hasTransit;
    private long transit;
    /** Jitter in timestamp units, scaled by 16 as in A.8 so integer arithmetic keeps precision. */
    private long jitterScaled;
    private long firstArrivalNanos;

    public ReceptionStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /**
     * Records one valid packet from the peer.
     *
     * @param timingValid false for packets whose timestamp does not track the sampling clock
     *                    (RFC 4733 events keep their start timestamp): counted, not used for jitter
     */
    public synchronized void onPacket(int ssrc, int sequence, int rtpTimestamp, long arrivalNanos,
            boolean timingValid) {
        if (!hasSource || ssrc != this.ssrc) {
            initSource(ssrc, sequence, arrivalNanos);
        } else if (!updateSequence(sequence)) {
            return;
        }
        received++;
        if (!timingValid) {
            return;
        }
        // Arrival on the RTP clock, relative to the first packet so the product cannot overflow.
        long arrival = (arrivalNanos - firstArrivalNanos) * clockRate / 1_000_000_000L;
        long t = arrival - Integer.toUnsignedLong(rtpTimestamp);
        if (hasTransit) {
            long d = Math.abs(t - transit);
            if (d < (1L << 31)) { // a timestamp jump is not jitter
                jitterScaled += d - ((jitterScaled + 8) >> 4);
            }
        }
        transit = t;
        hasTransit = true;
    }

    /**
     * The call switched to a codec with another RTP clock rate (e.g. G.711 to Opus): the jitter
     * so far is carried over in the new units, and transit is measured afresh, since timestamps
     * now advance at the new rate and the old transit would read as one huge jitter sample.
     */
    public synchronized void clockRateChanged(int newClockRate) {
        if (newClockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + newClockRate);
        }
        if (newClockRate == clockRate) {
            return;
        }
        jitterScaled = jitterScaled * newClockRate / clockRate;
        clockRate = newClockRate;
        hasTransit = false;
    }

    /** Whether any packet has been received, i.e. whether there is something to report on. */
    public synchronized boolean hasSource() {
        return hasSource;
    }

    public synchronized int sourceSsrc() {
        return ssrc;
    }

    /**
     * The report block for the peer's source, and the start of the next reporting interval (the
     * fraction lost covers the packets since the previous call).
     */
    public synchronized ReportBlock report(long lastSr, long delaySinceLastSr) {
        long extendedMax = cycles + maxSeq;
        long expected = extendedMax - baseSeq + 1;
        long lost = expected - received;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return new ReportBlock(ssrc, fraction, (int) Math.clamp(lost, -0x800000, 0x7FFFFF), extendedMax,
                jitterScaled >> 4, lastSr, delaySinceLastSr);
    }

    /** Packets lost over the call as a percentage of those expected (0 with nothing received). */
    public synchronized double lossPercent() {
        if (!hasSource) {
            return 0;
        }
        long expected = cycles + maxSeq - baseSeq + 1;
        return expected <= 0 ? 0 : Math.max(0, 100.0 * (expected - received) / expected);
    }

    /** Interarrival jitter in timestamp units. */
    public synchronized long jitter() {
        return jitterScaled >> 4;
    }

    public synchronized double jitterMillis() {
        return (jitterScaled >> 4) * 1000.0 / clockRate;
    }

    public synchronized long received() {
        return received;
    }

    private void initSource(int ssrc, int sequence, long arrivalNanos) {
        this.hasSource = true;
        this.ssrc = ssrc;
        this.baseSeq = sequence;
        this.maxSeq = sequence;
        this.badSeq = -1;
        this.cycles = 0;
        this.received = 0;
        this.expectedPrior = 0;
        this.receivedPrior = 0;
        this.hasTransit = false;
        this.jitterScaled = 0;
        this.firstArrivalNanos = arrivalNanos;
    }

    /** RFC 3550 A.1 {@code update_seq} without probation: false if the packet is to be ignored. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            // A very large jump: believe it only if the next packet follows on (the peer restarted).
            if (seq == badSeq) {
                baseSeq = seq;
                maxSeq = seq;
                cycles = 0;
                received = 0;
                expectedPrior = 0;
                receivedPrior = 0;
                badSeq = -1;
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: a duplicate or reordered packet, counted as received.
        return true;
    }
}
