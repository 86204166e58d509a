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
 * <p><b>Adaptive delay.</b> The playout delay follows the measured jitter within a
 * {@link JitterDelay} range (20-120 ms by default), starting at its minimum. Jitter is measured
 * as the spread of relative transit times ({@code arrival - timestamp}) of the packets that
 * arrived in the last {@link #HORIZON_MS} ms; arrival is the buffer's own clock, which is the number of samples
 * pulled so far, so it counts in media clock ticks. Quantising arrival to ticks is deliberate:
 * playout happens only at ticks, so a packet that arrives 1 ms after a tick is exactly as late
 * as one that arrives 19 ms after it, and a 2 ms jitter straddling a tick needs a whole frame
 * more delay while 15 ms of jitter between two ticks needs none. The target is the largest
 * spread in the window plus one frame (the maximum, not a percentile: each late packet is a
 * concealed gap in what speech recognition hears, and a percentile would plan for a steady
 * trickle of them). It rises on the packet that shows more jitter and falls only once that
 * packet is 4 s old and the stream has been measured that long: grow fast, shrink slowly. The
 * window is one of time, not of packets, so an outlier just before the caller falls silent (or
 * its silence suppression stops the stream) does not raise the delay of its next talkspurt.
 *
 * <p>The delay actually played moves toward the target one frame per pull. It grows by playing a
 * frame without consuming the timeline: concealment inside speech, silence or comfort noise in a
 * pause (an underrun does the same: the consumer gets silence while the buffer primes again).
 * It shrinks only where that cannot be heard: by dropping a frame of silence (decoded audio below
 * about -50 dBFS after a quiet frame, or the silence before a packet with the marker bit, which
 * starts a talkspurt), and when a talkspurt starts after the buffer ran dry (DTX), whose first
 * packet is scheduled at exactly the target.
 *
 * <p>A gap with a later packet already waiting is loss inside a talkspurt and is concealed: by
 * the codec itself if it can ({@link ConcealingCodec}: Opus FEC or PLC), else by pitch-repetition
 * ({@link G711Concealer}) — unless that later packet carries the marker bit: then the gap was the
 * sender's silence. When the buffer runs dry the consumer gets silence (or RFC 3389 comfort
 * noise, if the sender announced its level) and the buffer primes again; the next packet is then
 * played from its own timestamp, because the time it skipped (DTX) was already played out.
 * Packets from a new SSRC, or whose timestamp jumps by more than a second, restart the timeline
 * and the jitter measurement (the target stays: the network path usually does). At most about
 * 500 ms is held; beyond that the oldest audio is dropped.
 *
 * <p>Single-threaded: {@link #push}, {@link #pushComfortNoise} and {@link #pull} must be called
 * from one thread (the media clock), and {@link #pull} once per tick with the same frame size.
 * The counters may be read from any thread.
 */
public final class JitterBuffer {

    private static final int MAX_SPAN_MS = 500;
    private static final int RESET_JUMP_MS = 1000;
    /** Longest piece concealed at once, so Opus FEC can cover the 20 ms right before a packet. */
    private static final int CONCEAL_CHUNK_MS = 20;
    /** Enough for 500 ms of 10 ms packets with room to spare. */
    private static final int SLOTS = 64;
    private static final int RECENT = 16;
    /** How long a packet's transit counts in the jitter estimate. */
    static final int HORIZON_MS = 4000;
    /** Transits kept: the horizon's worth of 20 ms packets (of 10 ms ones, the last 2 s). */
    private static final int WINDOW = HORIZON_MS / 20;
    /**
     * A frame whose mean absolute sample is at most this (about -52 dBFS RMS) is silence: dropping
     * it to shorten the delay cannot be heard, nor seen by voice activity detection.
     */
    private static final int QUIET_MEAN_ABS = 64;

    private enum State { EMPTY, PRIMING, PLAYING }

    private final AudioCodec codec;
    private final ConcealingCodec codecConcealment;
    private final G711Concealer waveformConcealment;
    private final ComfortNoise comfortNoise = new ComfortNoise();
    private final int sampleRate;
    private final int clockRate;
    private final int minDelay;
    private final int maxDelay;
    private final int maxSpan;
    private final int concealChunk;
    private final long resetJump;
    /** A packet this much earlier than all before it shows a timeline shift, not jitter. */
    private final long discontinuity;
    private final long horizon;

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
    /** The packet starts a talkspurt: the gap before it is the sender's silence, not loss. */
    private final boolean[] slotMarker = new boolean[SLOTS];
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
    /** Local time in samples: every pull advances it, so it counts media clock ticks. */
    private long clock;
    /** Samples per pull: the media clock's frame. */
    private int frame;
    /** Relative transit times (clock - timestamp) of the last packets since playout started. */
    private final long[] transits = new long[WINDOW];
    /** When each of {@link #transits} arrived, on {@link #clock}. */
    private final long[] transitArrivals = new long[WINDOW];
    /** When the jitter of this stream began to be measured, on {@link #clock}. */
    private long measuredSince;
    private int transitCount;
    private int transitNext;
    /** The smallest transit in the window: the packets that arrive soonest. */
    private long minTransit;
    /** The smallest transit before playout of this stream started, to schedule its start. */
    private long startTransit;
    /** The frame played last was silence: a frame after it may be dropped unheard. */
    private boolean lastFrameQuiet;
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
    private volatile int target;
    private volatile long grows;
    private volatile long shrinks;

    /** A buffer with the {@link JitterDelay#DEFAULT default} 20-120 ms delay range. */
    public JitterBuffer(AudioCodec codec) {
        this(codec, JitterDelay.DEFAULT);
    }

    public JitterBuffer(AudioCodec codec, JitterDelay delay) {
        this.codec = codec;
        this.sampleRate = codec.sampleRate();
        this.clockRate = codec.format().clockRate();
        this.codecConcealment = codec instanceof ConcealingCodec c ? c : null;
        this.waveformConcealment = codecConcealment == null ? new G711Concealer(sampleRate) : null;
        this.minDelay = sampleRate * delay.minMillis() / 1000;
        this.maxDelay = sampleRate * delay.maxMillis() / 1000;
        this.target = minDelay;
        this.frame = sampleRate / 50;
        this.maxSpan = sampleRate * MAX_SPAN_MS / 1000;
        this.concealChunk = sampleRate * CONCEAL_CHUNK_MS / 1000;
        this.resetJump = (long) sampleRate * RESET_JUMP_MS / 1000;
        this.discontinuity = (long) sampleRate * JitterDelay.LIMIT_MILLIS / 1000;
        this.horizon = (long) sampleRate * HORIZON_MS / 1000;
        int capacity = Integer.highestOneBit(maxSpan) << 1;
        this.ring = new short[capacity];
        this.fromPacket = new boolean[capacity];
        this.mask = capacity - 1;
        this.scratch = new short[maxSpan];
    }

    /** Offers one packet's payload, without the marker bit; see the seven-argument form. */
    public PushOutcome push(int ssrc, int sequence, int timestamp, byte[] payload, int off, int len) {
        return push(ssrc, sequence, timestamp, false, payload, off, len);
    }

    /**
     * Offers one packet's payload. Its arrival time is now: call it as the packet arrives, before
     * the {@link #pull} of the tick it arrived in.
     *
     * @param timestamp RTP timestamp (unsigned 32-bit in an int)
     * @param sequence  RTP sequence number, 0..65535
     * @param marker    the RTP marker bit: for audio, the first packet after a silence
     */
    public PushOutcome push(int ssrc, int sequence, int timestamp, boolean marker, byte[] payload, int off,
            int len) {
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
        boolean drained = endTs <= playTs && state == State.PRIMING; // ran dry, not merely emptied on time
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
        long transit = clock - ts;
        if (ts < playTs) {
            if (rewindable && endTs - ts <= maxSpan) {
                playTs = ts;
                decodedEnd = ts;
            } else if (end <= playTs) {
                countArrival(seq);
                observeTransit(transit);
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
            observeTransit(transit);
            late++;
            return PushOutcome.LATE;
        }
        if (end - playTs > maxSpan) {
            dropUntil(end - maxSpan);
        }
        store(ts, samples, marker, payload, off, len);
        endTs = Math.max(endTs, end);
        countArrival(seq);
        observeTransit(transit);
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
        frame = samples;
        long now = clock;
        clock += samples;
        if (state == State.PRIMING && endTs > playTs
                && now - playTs >= lowestTransit() + target - samples) {
            // The soonest packets wait exactly the target (a talkspurt's first may be later).
            state = State.PLAYING;
        }
        if (state != State.PLAYING) {
            fillSilence(out, off, samples);
            return 0;
        }
        if (rewindable) {
            rewindable = false;
            if (startTransit != Long.MAX_VALUE) {
                recordTransit(startTransit); // the soonest arrival before playout is a fair sample
            }
        }
        if (endTs > playTs) {
            long delay = now - playTs - lowestTransit() + samples;
            if (delay < target && decodedEnd == playTs) {
                insertFrame(out, off, samples);
                return 0;
            }
            if (delay >= target + samples) {
                dropQuietFrame(samples);
            }
        }
        int received = 0;
        int n = 0;
        while (n < samples) {
            if (playTs >= endTs) {
                fillSilence(out, off + n, samples - n);
                state = State.PRIMING;
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
        lastFrameQuiet = isQuiet(out, off, samples);
        return received;
    }

    /**
     * Grows the delay by one frame: plays a frame without consuming the timeline. In a pause it
     * is silence (or comfort noise); in speech, concealment continuing the last frame, which the
     * next decoded frame cross-fades out of.
     */
    private void insertFrame(short[] out, int off, int samples) {
        if (lastFrameQuiet || comfortNoise.active()) {
            fillSilence(out, off, samples);
        } else if (codecConcealment != null) {
            codecConcealment.conceal(out, off, samples, null, 0, 0);
        } else {
            waveformConcealment.conceal(out, off, samples);
        }
        grows++;
    }

    /** Shrinks the delay by one frame if the next frame is silence after silence. */
    private void dropQuietFrame(int samples) {
        if (!lastFrameQuiet || endTs - playTs < 2L * samples) {
            return;
        }
        while (decodedEnd < playTs + samples) {
            produce();
        }
        long mean = 0;
        for (int k = 0; k < samples; k++) {
            mean += Math.abs(ring[(int) ((playTs + k) & mask)]);
        }
        if (mean <= (long) QUIET_MEAN_ABS * samples) {
            playTs += samples;
            shrinks++;
        }
    }

    private static boolean isQuiet(short[] pcm, int off, int samples) {
        long sum = 0;
        for (int k = off; k < off + samples; k++) {
            sum += Math.abs(pcm[k]);
        }
        return sum <= (long) QUIET_MEAN_ABS * samples;
    }

    /**
     * Takes one packet's relative transit into the jitter estimate and sets the target from it.
     * Before playout of a stream starts only the soonest arrival is kept, to schedule the start:
     * packets that waited for playout anyway (a burst at call start, a NAT learning run released
     * at once) say nothing about the network.
     */
    private void observeTransit(long transit) {
        if (rewindable) {
            startTransit = Math.min(startTransit, transit);
        } else {
            recordTransit(transit);
        }
    }

    private void recordTransit(long transit) {
        if (transitCount > 0 && minTransit - transit > discontinuity) {
            // Far earlier than any packet before: the sender's timeline moved (timestamps run on
            // across a pause it did not really take). The old transits no longer compare.
            transitCount = 0;
            transitNext = 0;
        }
        if (transitCount == 0) {
            measuredSince = clock;
        }
        transits[transitNext] = transit;
        transitArrivals[transitNext] = clock;
        transitNext = (transitNext + 1) % WINDOW;
        transitCount = Math.min(transitCount + 1, WINDOW);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < transitCount; i++) {
            if (clock - transitArrivals[i] <= horizon) {
                lo = Math.min(lo, transits[i]);
                hi = Math.max(hi, transits[i]);
            }
        }
        minTransit = lo;
        int wanted = (int) Math.clamp(hi - lo + frame, minDelay, maxDelay);
        if (wanted > target || clock - measuredSince >= horizon) {
            // Lower only on a whole horizon's evidence: a fresh stream keeps what the path needed.
            target = wanted;
        }
    }

    private long lowestTransit() {
        if (transitCount > 0) {
            return minTransit;
        }
        return startTransit == Long.MAX_VALUE ? clock : startTransit;
    }

    /**
     * How far playout runs behind the sender's timeline, in samples at the codec's rate: the
     * local clock minus the timeline position about to play, or {@link Long#MIN_VALUE} while
     * nothing plays (priming, after an underrun). Steady while playing; a grown frame raises it
     * by one frame, a dropped silent frame lowers it by one, a talkspurt that restarts after an
     * underrun sets it anew. Whatever comes back through the caller's line (the bot's echo) is
     * delayed by exactly these changes, so an echo canceller can follow them sample-exactly.
     * Media clock thread only.
     */
    public long playoutLag() {
        return state == State.PLAYING ? clock - playTs : Long.MIN_VALUE;
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

    /** The playout delay aimed at now, in milliseconds; see {@link JitterDelay}. */
    public int targetDelayMillis() {
        return target * 1000 / sampleRate;
    }

    /** Frames played without consuming the timeline, to grow the delay. */
    public long grows() {
        return grows;
    }

    /** Frames of silence dropped to shrink the delay. */
    public long shrinks() {
        return shrinks;
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
        if (next >= 0 && slotMarker[next]) {
            // The sender paused (RFC 3551: the marker starts a talkspurt): silence, not loss.
            fillSilence(scratch, 0, gap);
            write(scratch, 0, gap, false);
            if (waveformConcealment != null) {
                waveformConcealment.reset();
            }
            return;
        }
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

    private void store(long ts, int samples, boolean marker, byte[] payload, int off, int len) {
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
        slotMarker[free] = marker;
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
        startTransit = Long.MAX_VALUE;
        transitCount = 0;
        transitNext = 0;
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
