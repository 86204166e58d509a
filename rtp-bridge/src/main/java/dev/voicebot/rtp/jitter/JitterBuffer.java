package dev.voicebot.rtp.jitter;

import dev.voicebot.rtp.codec.AudioCodec;
import java.util.Arrays;

/**
 * A reorder buffer of decoded PCM at the codec's clock rate, indexed by RTP timestamp.
 *
 * <p>Playout starts once {@link #DEFAULT_TARGET_DELAY_MS} (or the configured target) of audio is
 * buffered, or once the first buffered sample has waited that long, whichever comes first.
 * Gaps are played as silence (concealment comes later). When the buffer runs dry the consumer gets
 * silence and the buffer primes again; the next packet is then played from its own timestamp,
 * because the time it skipped was already played out as silence. Packets from a new SSRC, or
 * whose timestamp jumps by more than a second, restart the timeline. At most about 500 ms is
 * held; beyond that the oldest audio is dropped.
 *
 * <p>Single-threaded: {@link #push} and {@link #pull} must be called from one thread (the media
 * clock). The counters may be read from any thread.
 */
public final class JitterBuffer {

    public static final int DEFAULT_TARGET_DELAY_MS = 40;
    private static final int MAX_SPAN_MS = 500;
    private static final int RESET_JUMP_MS = 1000;

    private enum State { EMPTY, PRIMING, PLAYING }

    private final AudioCodec codec;
    private final int targetDelay;
    private final int maxSpan;
    private final long resetJump;
    private final short[] ring;
    private final boolean[] present;
    private final int mask;
    private final short[] scratch;
    private final SerialExtender timestamps = new SerialExtender(32);
    private final SerialExtender sequences = new SerialExtender(16);

    private State state = State.EMPTY;
    private int ssrc;
    /** Extended timestamp of the next sample to play. */
    private long playTs;
    /** Extended timestamp just past the newest buffered sample. */
    private long endTs;
    /** Nothing of this stream has been played yet, so an earlier packet may move the start back. */
    private boolean rewindable;
    private int primingWaited;
    private long baseSeq;
    private long highestSeq;
    private long arrived;

    private volatile long lostInEarlierStreams;
    private volatile long lostInStream;
    private volatile long late;
    private volatile long duplicates;
    private volatile long resets;
    private volatile long underruns;
    private volatile long overflowSamples;

    public JitterBuffer(AudioCodec codec) {
        this(codec, DEFAULT_TARGET_DELAY_MS);
    }

    public JitterBuffer(AudioCodec codec, int targetDelayMs) {
        if (targetDelayMs < 0 || targetDelayMs > MAX_SPAN_MS / 2) {
            throw new IllegalArgumentException("target delay must be 0.." + MAX_SPAN_MS / 2 + " ms");
        }
        this.codec = codec;
        int rate = codec.format().clockRate();
        this.targetDelay = rate * targetDelayMs / 1000;
        this.maxSpan = rate * MAX_SPAN_MS / 1000;
        this.resetJump = (long) rate * RESET_JUMP_MS / 1000;
        int capacity = Integer.highestOneBit(maxSpan) << 1;
        this.ring = new short[capacity];
        this.present = new boolean[capacity];
        this.mask = capacity - 1;
        this.scratch = new short[maxSpan];
    }

    /**
     * Offers one packet's payload.
     *
     * @param timestamp RTP timestamp (unsigned 32-bit in an int)
     * @param sequence  RTP sequence number, 0..65535
     */
    public PushOutcome push(int ssrc, int sequence, int timestamp, byte[] payload, int off, int len) {
        if (state != State.EMPTY && ssrc != this.ssrc) {
            reset();
        }
        if (state == State.EMPTY) {
            begin(ssrc, sequence, timestamp);
        }
        long ts = timestamps.extend(Integer.toUnsignedLong(timestamp));
        long seq = sequences.extend(sequence);
        boolean drained = endTs <= playTs;
        if (drained && !rewindable && ts > playTs) {
            // The silence the consumer got while we were dry already covered the skipped time.
            playTs = ts;
            endTs = ts;
        } else if (ts - endTs > resetJump || playTs - ts > resetJump) {
            reset();
            begin(ssrc, sequence, timestamp);
            ts = timestamps.extend(Integer.toUnsignedLong(timestamp));
            seq = sequences.extend(sequence);
        }
        int samples = codec.decode(payload, off, Math.min(len, scratch.length), scratch, 0);
        if (samples <= 0) {
            return PushOutcome.EMPTY;
        }
        long end = ts + samples;
        long from = ts;
        if (ts < playTs) {
            if (rewindable && endTs - ts <= maxSpan) {
                playTs = ts;
            } else if (end <= playTs) {
                countArrival(seq);
                late++;
                return PushOutcome.LATE;
            } else {
                from = playTs; // keep the part that is still in the future
            }
        }
        if (present[(int) (from & mask)]) {
            duplicates++;
            return PushOutcome.DUPLICATE;
        }
        if (end - playTs > maxSpan) {
            long newPlay = end - maxSpan;
            for (long t = playTs; t < newPlay; t++) {
                present[(int) (t & mask)] = false;
            }
            overflowSamples += newPlay - playTs;
            playTs = newPlay;
            from = Math.max(from, playTs);
        }
        for (long t = from; t < end; t++) {
            int i = (int) (t & mask);
            ring[i] = scratch[(int) (t - ts)];
            present[i] = true;
        }
        endTs = Math.max(endTs, end);
        countArrival(seq);
        return PushOutcome.ACCEPTED;
    }

    /**
     * Fills exactly {@code samples} samples of {@code out} with the next audio, silence where
     * nothing was received or playout has not started. Returns how many of them were received
     * audio (0 means all silence).
     */
    public int pull(short[] out, int off, int samples) {
        if (state == State.PRIMING && endTs > playTs) {
            primingWaited += samples;
            if (endTs - playTs >= targetDelay || primingWaited >= targetDelay) {
                state = State.PLAYING;
            }
        }
        if (state != State.PLAYING) {
            Arrays.fill(out, off, off + samples, (short) 0);
            return 0;
        }
        rewindable = false;
        int received = 0;
        for (int n = 0; n < samples; n++) {
            if (playTs >= endTs) {
                Arrays.fill(out, off + n, off + samples, (short) 0);
                state = State.PRIMING;
                primingWaited = 0;
                underruns++;
                break;
            }
            int i = (int) (playTs & mask);
            if (present[i]) {
                out[off + n] = ring[i];
                present[i] = false;
                received++;
            } else {
                out[off + n] = 0;
            }
            playTs++;
        }
        return received;
    }

    /** Samples between the playout point and the newest received sample, gaps included. */
    public int bufferedSamples() {
        return (int) Math.max(0, endTs - playTs);
    }

    /** Packets that never arrived, from sequence number gaps (RFC 3550 "cumulative lost"). */
    public long lost() {
        return lostInEarlierStreams + lostInStream;
    }

    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Timeline restarts (SSRC changes and timestamp jumps). */
    public long resets() {
        return resets;
    }

    /** Times the buffer ran dry while playing. */
    public long underruns() {
        return underruns;
    }

    /** Samples dropped because more than the maximum span was buffered. */
    public long overflowSamples() {
        return overflowSamples;
    }

    private void begin(int newSsrc, int sequence, int timestamp) {
        ssrc = newSsrc;
        playTs = timestamps.start(Integer.toUnsignedLong(timestamp));
        endTs = playTs;
        baseSeq = sequences.start(sequence);
        highestSeq = baseSeq;
        arrived = 0;
        state = State.PRIMING;
        rewindable = true;
        primingWaited = 0;
    }

    private void reset() {
        Arrays.fill(present, false);
        lostInEarlierStreams += lostInStream;
        lostInStream = 0;
        state = State.EMPTY;
        resets++;
    }

    private void countArrival(long seq) {
        arrived++;
        if (seq > highestSeq) {
            highestSeq = seq;
        }
        if (seq < baseSeq) {
            baseSeq = seq;
        }
        lostInStream = Math.max(0, highestSeq - baseSeq + 1 - arrived);
    }
}
