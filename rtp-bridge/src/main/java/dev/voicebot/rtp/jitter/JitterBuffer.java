package dev.voicebot.rtp.jitter;

import dev.voicebot.rtp.codec.AudioCodec;
import dev.voicebot.rtp.codec.ConcealingCodec;
import dev.voicebot.rtp.plc.ComfortNoise;
import dev.voicebot.rtp.plc.G711Concealer;
import java.util.Arrays;

/**
 * A reorder buffer that turns one RTP stream into a steady stream of decoded PCM at the codec's
 * sample rate ({@link AudioCodec#sampleRate()}, which may differ from the RTP clock: G.722 is
 * 16 kHz audio on an 8000 Hz clock, Opus is decoded at 16 kHz from a 48000 Hz clock).
 *
 * <p>Packets are kept encoded and decoded only when their turn comes at playout, strictly in
 * timeline order: stateful decoders (G.722, Opus) must see packets in order, and Opus can only
 * rebuild a lost frame from the packet after it once that packet is here.
 *
 * <p>Playout starts once {@link #DEFAULT_TARGET_DELAY_MS} (or the configured target) of audio is
 * buffered, or once the first buffered sample has waited that long, whichever comes first.
 * A gap with a later packet already waiting is loss inside a talkspurt and is concealed: by the
 * codec itself if it can ({@link ConcealingCodec}: Opus FEC or PLC), else by pitch-repetition
 * ({@link G711Concealer}). When the buffer runs dry the consumer gets silence (or RFC 3389
 * comfort noise, if the sender announced its level) and the buffer primes again; the next packet
 * is then played from its own timestamp, because the time it skipped (DTX) was already played
 * out. Packets from a new SSRC, or whose timestamp jumps by more than a second, restart the
 * timeline. At most about 500 ms is held; beyond that the oldest audio is dropped.
 *
 * <p>Single-threaded: {@link #push}, {@link #pushComfortNoise} and {@link #pull} must be called
 * from one thread (the media clock). The counters may be read from any thread.
 */
public final class JitterBuffer {

    public static final int DEFAULT_TARGET_DELAY_MS = 40;
    private static final int MAX_SPAN_MS = 500;
    private static final int RESET_JUMP_MS = 1000;
    /** Longest piece concealed at once, so Opus FEC can cover the 20 ms right before a packet. */
    private static final int CONCEAL_CHUNK_MS = 20;
    /** Enough for 500 ms of 10 ms packets with room to spare. */
    private static final int SLOTS = 64;
    private static final int RECENT = 16;

    private enum State { EMPTY, PRIMING, PLAYING }

    private final AudioCodec codec;
    private final ConcealingCodec codecConcealment;
    private final G711Concealer waveformConcealment;
    private final ComfortNoise comfortNoise = new ComfortNoise();
    private final int sampleRate;
    private final int clockRate;
    private final int targetDelay;
    private final int maxSpan;
    private final int concealChunk;
    private final long resetJump;

    /** Decoded (or concealed) samples between the playout point and {@link #decodedEnd}. */
    private final short[] ring;
    /** Whether the ring sample came from a received packet rather than concealment. */
    private final boolean[] fromPacket;
    private final int mask;
    private final short[] scratch;

    /** Packets received but not decoded yet, by timeline position. */
    private final long[] slotTs = new long[SLOTS];
    private final int[] slotSamples = new int[SLOTS];
    private final int[] slotLength = new int[SLOTS];
    private final byte[][] slotData = new byte[SLOTS][];
    private final boolean[] slotUsed = new boolean[SLOTS];
    /** Start times of recently decoded packets, to tell duplicates from late packets. */
    private final long[] recentlyDecoded = new long[RECENT];
    private int recentIndex;

    private final SerialExtender timestamps = new SerialExtender(32);
    private final SerialExtender sequences = new SerialExtender(16);

    private State state = State.EMPTY;
    private int ssrc;
    /** Timeline position (in samples at the codec's sample rate) of the next sample to play. */
    private long playTs;
    /** Just past the newest buffered sample. */
    private long endTs;
    /** Just past the last decoded or concealed sample. */
    private long decodedEnd;
    /** Nothing of this stream has been played yet, so an earlier packet may move the start back. */
    private boolean rewindable;
    private int primingWaited;
    private long baseSeq;
    private long highestSeq;
    private long arrived;
    /** Audio from this timeline position on ends the comfort noise period. */
    private long noiseUntilAudioFrom = Long.MIN_VALUE;

    private volatile long lostInEarlierStreams;
    private volatile long lostInStream;
    private volatile long late;
    private volatile long duplicates;
    private volatile long resets;
    private volatile long underruns;
    private volatile long overflowSamples;
    private volatile long concealedSamples;
    private volatile long comfortNoiseSamples;
    private volatile long undecodable;

    public JitterBuffer(AudioCodec codec) {
        this(codec, DEFAULT_TARGET_DELAY_MS);
    }

    public JitterBuffer(AudioCodec codec, int targetDelayMs) {
        if (targetDelayMs < 0 || targetDelayMs > MAX_SPAN_MS / 2) {
            throw new IllegalArgumentException("target delay must be 0.." + MAX_SPAN_MS / 2 + " ms");
        }
        this.codec = codec;
        this.sampleRate = codec.sampleRate();
        this.clockRate = codec.format().clockRate();
        this.codecConcealment = codec instanceof ConcealingCodec c ? c : null;
        this.waveformConcealment = codecConcealment == null ? new G711Concealer(sampleRate) : null;
        this.targetDelay = sampleRate * targetDelayMs / 1000;
        this.maxSpan = sampleRate * MAX_SPAN_MS / 1000;
        this.concealChunk = sampleRate * CONCEAL_CHUNK_MS / 1000;
        this.resetJump = (long) sampleRate * RESET_JUMP_MS / 1000;
        int capacity = Integer.highestOneBit(maxSpan) << 1;
        this.ring = new short[capacity];
        this.fromPacket = new boolean[capacity];
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
        int samples = codec.samplesIn(payload, off, len);
        if (samples == 0) {
            return PushOutcome.EMPTY;
        }
        if (samples < 0 || samples > maxSpan) {
            undecodable++;
            return PushOutcome.MALFORMED;
        }
        if (state == State.EMPTY) {
            begin(ssrc, sequence, timestamp);
        }
        long ts = toSamples(timestamps.extend(Integer.toUnsignedLong(timestamp)));
        long seq = sequences.extend(sequence);
        boolean drained = endTs <= playTs;
        if (drained && !rewindable && ts > playTs) {
            // The silence the consumer got while we were dry already covered the skipped time.
            playTs = ts;
            endTs = ts;
            decodedEnd = ts;
        } else if (ts - endTs > resetJump || playTs - ts > resetJump) {
            reset();
            begin(ssrc, sequence, timestamp);
            ts = toSamples(timestamps.extend(Integer.toUnsignedLong(timestamp)));
            seq = sequences.extend(sequence);
        }
        long end = ts + samples;
        if (ts < playTs) {
            if (rewindable && endTs - ts <= maxSpan) {
                playTs = ts;
                decodedEnd = ts;
            } else if (end <= playTs) {
                countArrival(seq);
                late++;
                return PushOutcome.LATE;
            }
            // else: partly still in the future; playout skips the part already played
        }
        if (slotAt(ts) >= 0 || recentlyDecoded(ts)) {
            duplicates++;
            return PushOutcome.DUPLICATE;
        }
        if (end <= decodedEnd) {
            countArrival(seq); // its time has already been concealed
            late++;
            return PushOutcome.LATE;
        }
        if (end - playTs > maxSpan) {
            dropUntil(end - maxSpan);
        }
        store(ts, samples, payload, off, len);
        endTs = Math.max(endTs, end);
        countArrival(seq);
        return PushOutcome.ACCEPTED;
    }

    /**
     * Offers an RFC 3389 comfort noise packet of the same stream: the silence that follows is
     * filled with noise at its level instead of digital silence, until audio resumes. Its
     * timestamp only matters when its clock is the codec's (G.711, G.722; Opus has its own DTX).
     */
    public PushOutcome pushComfortNoise(int ssrc, int sequence, int timestamp, byte[] payload, int off, int len) {
        int level = ComfortNoise.levelOf(payload, off, len);
        if (level < 0) {
            undecodable++;
            return PushOutcome.MALFORMED;
        }
        if (state != State.EMPTY && ssrc == this.ssrc) {
            countArrival(sequences.extend(sequence));
            noiseUntilAudioFrom = toSamples(timestamps.extend(Integer.toUnsignedLong(timestamp)));
        } else {
            noiseUntilAudioFrom = Long.MIN_VALUE;
        }
        comfortNoise.setLevel(level);
        return PushOutcome.ACCEPTED;
    }

    /**
     * Fills exactly {@code samples} samples of {@code out} with the next audio: received audio,
     * concealment for loss inside a talkspurt, and silence (or comfort noise) where nothing was
     * received or playout has not started. Returns how many of them were received audio.
     */
    public int pull(short[] out, int off, int samples) {
        if (state == State.PRIMING && endTs > playTs) {
            primingWaited += samples;
            if (endTs - playTs >= targetDelay || primingWaited >= targetDelay) {
                state = State.PLAYING;
            }
        }
        if (state != State.PLAYING) {
            fillSilence(out, off, samples);
            return 0;
        }
        rewindable = false;
        int received = 0;
        int n = 0;
        while (n < samples) {
            if (playTs >= endTs) {
                fillSilence(out, off + n, samples - n);
                state = State.PRIMING;
                primingWaited = 0;
                underruns++;
                if (waveformConcealment != null) {
                    waveformConcealment.reset(); // after a pause, old audio must not be repeated
                }
                break;
            }
            if (playTs >= decodedEnd) {
                produce();
            }
            int run = (int) Math.min(samples - n, decodedEnd - playTs);
            for (int k = 0; k < run; k++) {
                int i = (int) (playTs & mask);
                out[off + n] = ring[i];
                if (fromPacket[i]) {
                    received++;
                }
                playTs++;
                n++;
            }
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

    /** Samples synthesised for audio lost inside a talkspurt (at the codec's sample rate). */
    public long concealedSamples() {
        return concealedSamples;
    }

    /** Samples of RFC 3389 comfort noise played into silence. */
    public long comfortNoiseSamples() {
        return comfortNoiseSamples;
    }

    /** Packets the codec could not decode (their time is concealed). */
    public long undecodable() {
        return undecodable;
    }

    /** Decodes the packet due at {@link #decodedEnd}, or conceals up to the next one. */
    private void produce() {
        decodedEnd = Math.max(decodedEnd, playTs);
        int slot = slotCovering(decodedEnd);
        if (slot >= 0) {
            long ts = slotTs[slot];
            int expected = slotSamples[slot];
            int n = codec.decode(slotData[slot], 0, slotLength[slot], scratch, 0);
            release(slot);
            rememberDecoded(ts);
            if (n <= 0) {
                undecodable++;
                conceal((int) Math.min(ts + expected - decodedEnd, concealChunk), -1);
                return;
            }
            int skip = (int) (decodedEnd - ts);
            if (skip >= n) {
                conceal((int) Math.min(ts + expected - decodedEnd, concealChunk), -1);
                return;
            }
            if (waveformConcealment != null) {
                waveformConcealment.received(scratch, skip, n - skip);
            }
            if (ts >= noiseUntilAudioFrom) {
                comfortNoise.clear();
            }
            write(scratch, skip, n - skip, true);
            return;
        }
        int next = slotAfter(decodedEnd);
        long gapEnd = next >= 0 ? slotTs[next] : endTs;
        int gap = (int) Math.min(gapEnd - decodedEnd, concealChunk);
        conceal(gap, decodedEnd + gap == gapEnd ? next : -1);
    }

    /** Conceals {@code samples}; {@code nextSlot} is the packet right after them, or −1. */
    private void conceal(int samples, int nextSlot) {
        if (codecConcealment != null) {
            byte[] next = nextSlot >= 0 ? slotData[nextSlot] : null;
            int nextLen = nextSlot >= 0 ? slotLength[nextSlot] : 0;
            codecConcealment.conceal(scratch, 0, samples, next, 0, nextLen);
        } else {
            waveformConcealment.conceal(scratch, 0, samples);
        }
        concealedSamples += samples;
        write(scratch, 0, samples, false);
    }

    private void write(short[] pcm, int from, int count, boolean received) {
        for (int k = 0; k < count; k++) {
            int i = (int) ((decodedEnd + k) & mask);
            ring[i] = pcm[from + k];
            fromPacket[i] = received;
        }
        decodedEnd += count;
    }

    private void fillSilence(short[] out, int off, int samples) {
        if (comfortNoise.active()) {
            comfortNoise.fill(out, off, samples);
            comfortNoiseSamples += samples;
        } else {
            Arrays.fill(out, off, off + samples, (short) 0);
        }
    }

    private long toSamples(long rtpTimestamp) {
        return clockRate == sampleRate ? rtpTimestamp : Math.floorDiv(rtpTimestamp * sampleRate, clockRate);
    }

    private void store(long ts, int samples, byte[] payload, int off, int len) {
        int free = -1;
        int oldest = -1;
        for (int s = 0; s < SLOTS; s++) {
            if (!slotUsed[s]) {
                free = s;
                break;
            }
            if (oldest < 0 || slotTs[s] < slotTs[oldest]) {
                oldest = s;
            }
        }
        if (free < 0) {
            // Only reachable with packets far shorter than 10 ms: give up the oldest.
            overflowSamples += slotSamples[oldest];
            release(oldest);
            free = oldest;
        }
        byte[] data = slotData[free];
        if (data == null || data.length < len) {
            data = new byte[Math.max(len, 256)]; // grows a few times per call at most
            slotData[free] = data;
        }
        System.arraycopy(payload, off, data, 0, len);
        slotTs[free] = ts;
        slotSamples[free] = samples;
        slotLength[free] = len;
        slotUsed[free] = true;
    }

    private void release(int slot) {
        slotUsed[slot] = false;
    }

    private int slotAt(long ts) {
        for (int s = 0; s < SLOTS; s++) {
            if (slotUsed[s] && slotTs[s] == ts) {
                return s;
            }
        }
        return -1;
    }

    private int slotCovering(long t) {
        for (int s = 0; s < SLOTS; s++) {
            if (slotUsed[s] && slotTs[s] <= t && t < slotTs[s] + slotSamples[s]) {
                return s;
            }
        }
        return -1;
    }

    private int slotAfter(long t) {
        int best = -1;
        for (int s = 0; s < SLOTS; s++) {
            if (slotUsed[s] && slotTs[s] > t && (best < 0 || slotTs[s] < slotTs[best])) {
                best = s;
            }
        }
        return best;
    }

    private void rememberDecoded(long ts) {
        recentlyDecoded[recentIndex] = ts;
        recentIndex = (recentIndex + 1) % RECENT;
    }

    private boolean recentlyDecoded(long ts) {
        for (long t : recentlyDecoded) {
            if (t == ts) {
                return true;
            }
        }
        return false;
    }

    /** Drops everything before {@code newPlay} to bound the buffered span. */
    private void dropUntil(long newPlay) {
        overflowSamples += newPlay - playTs;
        playTs = newPlay;
        decodedEnd = Math.max(decodedEnd, playTs);
        for (int s = 0; s < SLOTS; s++) {
            if (slotUsed[s] && slotTs[s] + slotSamples[s] <= playTs) {
                release(s);
            }
        }
    }

    private void begin(int newSsrc, int sequence, int timestamp) {
        ssrc = newSsrc;
        playTs = toSamples(timestamps.start(Integer.toUnsignedLong(timestamp)));
        endTs = playTs;
        decodedEnd = playTs;
        baseSeq = sequences.start(sequence);
        highestSeq = baseSeq;
        arrived = 0;
        state = State.PRIMING;
        rewindable = true;
        primingWaited = 0;
        Arrays.fill(recentlyDecoded, Long.MIN_VALUE);
    }

    private void reset() {
        Arrays.fill(slotUsed, false);
        lostInEarlierStreams += lostInStream;
        lostInStream = 0;
        state = State.EMPTY;
        resets++;
        if (waveformConcealment != null) {
            waveformConcealment.reset();
        }
        comfortNoise.clear();
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
