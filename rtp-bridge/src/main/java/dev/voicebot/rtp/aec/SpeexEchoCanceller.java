package dev.voicebot.rtp.aec;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * speexdsp's echo canceller, engaged only on a line found to echo, optionally followed by its
 * preprocessor (which uses the canceller's echo estimate), and by muting of the residual echo.
 *
 * <p>Most lines return no echo, and there a filter can only harm: it adapts on the caller
 * talking over the bot and replays the bot's voice. So until {@link EchoPresence} finds the echo,
 * the caller's frames pass bit-exactly and speex is not even run (what it would learn before the
 * delay is measured sits at the wrong delay and is reset on alignment anyway); only frames that
 * could be the first echo, before the line is known at all, may be muted ({@link ResidualEchoGate}).
 * Once engaged, a frame no louder than the echo measured on the line can be
 * ({@link DoubleTalkDetector}) holds no caller and is muted; a frame with the caller over the echo
 * is the filter's output at full level; a filter that adds energy or replays the bot into a
 * silent line is reset ({@link DivergenceWatchdog}). speex has no control to freeze adaptation;
 * its own two-path (foreground/background) filter and variable step size slow it during double
 * talk, and because muting is decided on the input, a filter disturbed by double talk never gets
 * its residual heard as the caller.
 *
 * <p>speex models an echo at most one tail (128-256 ms) behind the reference it is given, and
 * the echo of a real call can come later than that: the caller's network and phone, plus our
 * own jitter buffer. So the bot's sent audio is kept in a {@link FarEndHistory}, the echo delay
 * is measured ({@link EchoDelayEstimator}), and the reference is read back from the history
 * delayed so that the echo sits just inside the tail; when the delay changes (the jitter buffer
 * grew), the filter relearns at the new delay. With delay estimation off, the configured bulk
 * delay is used as is.
 *
 * <p>All native memory (both speex states and the sample buffers) is allocated once here and
 * freed by {@link #close()}; a frame costs a few array copies and one or two downcalls, and
 * allocates nothing.
 *
 * <p>The media clock thread processes frames while the signalling side may close the call at any
 * moment, so processing and closing are serialised on this object's monitor: uncontended but
 * for the one frame a close can overlap, and never a use of freed native state.
 */
public final class SpeexEchoCanceller implements EchoCanceller {

    private static final long FRAME_BYTES = FRAME_SAMPLES * JAVA_SHORT.byteSize();
    /** rms 30: quieter far-end audio is silence or line noise, not an echo worth counting. */
    private static final double ECHO_POWER = 30.0 * 30.0;
    /** rms 30 (about -60 dBFS): quieter caller frames are line noise; no echo worth muting. */
    private static final double NEAR_AUDIBLE_POWER = 30.0 * 30.0;
    /**
     * 5 ms, a quarter of a frame: processing that takes longer means the CPU is short and the
     * media clock falls behind; counted so it shows in the call's report.
     */
    private static final long SLOW_FRAME_NANOS = 5_000_000;
    /** 1.5 s of the bot's audio: after this the filter is counted as converged, for the report. */
    private static final int CONVERGENCE_FRAMES = 75;

    /** Longest echo delay looked for: the largest bulk delay plus a 128 ms tail, with room. */
    private static final int MAX_ECHO_DELAY = 640 * SAMPLE_RATE / 1000;
    /**
     * Where the measured echo is placed inside the filter, 12 ms in. An echo placed before the
     * reference cannot be modelled at all, and the energy envelope puts the delay up to a few
     * milliseconds late when reverberation follows the direct path (6 ms for the synthetic
     * echo's 30 ms path), so it needs room before it. Speex converges a little faster on an echo
     * placed earlier (offline on a recorded -rtp_echo call: 9 dB in the first 0.5 s at 2-4 ms,
     * 5 dB at 10 ms); the residual echo gate covers that first half second either way.
     */
    private static final int ECHO_PLACEMENT = 12 * SAMPLE_RATE / 1000;
    /**
     * Once placed, the echo may drift this close to the filter's start (the delay measurement's
     * few milliseconds of lateness still fit before it) before the filter is moved and relearns.
     */
    private static final int MIN_PLACEMENT = 6 * SAMPLE_RATE / 1000;
    /** ... and this close to the end of the tail, which the echo's reverberation needs. */
    private static final int TAIL_ROOM = 32 * SAMPLE_RATE / 1000;

    private final SpeexDsp dsp;
    private final Arena arena;
    private final MemorySegment echoState;
    private final MemorySegment preprocessState;
    private final MemorySegment near;
    private final MemorySegment out;
    private final MemorySegment far;
    private final boolean followDelay;
    private final int configuredDelay;
    private final int tailSamples;
    /** The reference has been placed at a measured delay since the last reset. */
    private boolean aligned;
    private final FarEndHistory history = new FarEndHistory();
    private final EchoDelayEstimator delayEstimator = new EchoDelayEstimator(history, MAX_ECHO_DELAY);
    /** Mutes residual echo, scaled to the echo measured on the line; and the first echo before it is measured. */
    private final ResidualEchoGate gate = new ResidualEchoGate();
    private final EchoPresence presence = new EchoPresence();
    private final DoubleTalkDetector doubleTalk = new DoubleTalkDetector();
    private final DivergenceWatchdog watchdog = new DivergenceWatchdog();
    /** Whether the filter's output has reached the caller's audio since the echo was found. */
    private boolean engaged;
    private long engagedFrames;
    private long doubleTalkFrames;
    private int divergenceResets;
    private long slowFrames;
    /** Playout moves followed without relearning, and times the filter had to relearn at a new delay. */
    private int playoutShifts;
    private int realignments;
    private final short[] silence = new short[FRAME_SAMPLES];
    /** The far-end reference is read this many samples before the newest sent sample. */
    private int referenceDelay;
    private boolean capturedBefore;
    private boolean playedSinceCapture;
    private boolean closed;

    // Statistics over frames where the bot's audio could echo.
    private long echoFrames;
    /** Frames of possible echo since the filter last started learning. */
    private int framesLearning;
    private double convergedIn;
    private double convergedAfterFilter;
    private double echoIn;
    private double echoAfterFilter;
    private double mutingIn;
    private double echoAfterMuting;

    /**
     * @throws SpeexDspUnavailableException if libspeexdsp cannot be loaded
     */
    public SpeexEchoCanceller(EchoConfig config) {
        this.dsp = SpeexDsp.get();
        this.arena = Arena.ofShared(); // processed on the clock thread, closed from any thread
        MemorySegment echo = MemorySegment.NULL;
        MemorySegment pre = MemorySegment.NULL;
        try {
            int filterLength = config.tailMillis() * SAMPLE_RATE / 1000;
            echo = (MemorySegment) dsp.echoStateInit.invokeExact(FRAME_SAMPLES, filterLength);
            if (echo.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("speex_echo_state_init failed");
            }
            MemorySegment arg = arena.allocate(JAVA_INT);
            arg.set(JAVA_INT, 0, SAMPLE_RATE);
            int unused = (int) dsp.echoCtl.invokeExact(echo, SpeexDsp.SPEEX_ECHO_SET_SAMPLING_RATE, arg);
            if (config.preprocess()) {
                pre = (MemorySegment) dsp.preprocessStateInit.invokeExact(FRAME_SAMPLES, SAMPLE_RATE);
                if (pre.equals(MemorySegment.NULL)) {
                    throw new IllegalStateException("speex_preprocess_state_init failed");
                }
                unused = (int) dsp.preprocessCtl.invokeExact(pre, SpeexDsp.SPEEX_PREPROCESS_SET_ECHO_STATE, echo);
                setInt(pre, arg, SpeexDsp.SPEEX_PREPROCESS_SET_DENOISE, 1);
                setInt(pre, arg, SpeexDsp.SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, config.noiseSuppressDb());
                setInt(pre, arg, SpeexDsp.SPEEX_PREPROCESS_SET_ECHO_SUPPRESS, config.echoSuppressDb());
                setInt(pre, arg, SpeexDsp.SPEEX_PREPROCESS_SET_ECHO_SUPPRESS_ACTIVE, config.echoSuppressActiveDb());
            }
        } catch (Throwable t) {
            destroy(echo, pre);
            arena.close();
            throw t instanceof RuntimeException r ? r : new IllegalStateException("speexdsp setup failed", t);
        }
        this.echoState = echo;
        this.preprocessState = pre;
        this.near = arena.allocate(FRAME_BYTES, 8);
        this.out = arena.allocate(FRAME_BYTES, 8);
        this.far = arena.allocate(FRAME_BYTES, 8);
        this.followDelay = config.delayEstimation();
        this.configuredDelay = config.bulkDelayMillis() * SAMPLE_RATE / 1000;
        this.tailSamples = config.tailMillis() * SAMPLE_RATE / 1000;
        this.referenceDelay = configuredDelay;
    }

    /** Whether libspeexdsp can be loaded here. */
    public static boolean isAvailable() {
        return SpeexDsp.isAvailable();
    }

    @Override
    public synchronized void playback(short[] farEnd) {
        if (closed) {
            return;
        }
        history.write(farEnd, FRAME_SAMPLES);
        playedSinceCapture = true;
    }

    @Override
    public synchronized void capture(short[] nearEnd, short[] cleaned) {
        if (closed) {
            if (cleaned != nearEnd) {
                System.arraycopy(nearEnd, 0, cleaned, 0, FRAME_SAMPLES);
            }
            return;
        }
        long started = System.nanoTime();
        if (capturedBefore && !playedSinceCapture) {
            history.write(silence, FRAME_SAMPLES); // nothing sent last tick (on hold): keep both clocks together
        }
        capturedBefore = true;
        playedSinceCapture = false;
        long now = history.position();
        delayEstimator.onNear(nearEnd, FRAME_SAMPLES, now);
        int echoDelay = delayEstimator.delaySamples();
        // The loudest audio that could echo now, whatever the delay estimate says (a wrong estimate
        // must not let the echo through), and the loudest around the measured delay.
        double farPower = history.maxPower(now - MAX_ECHO_DELAY - FRAME_SAMPLES, now);
        double farAtDelay = echoDelay < 0 ? 0
                : history.maxPower(now - echoDelay - 2 * FRAME_SAMPLES, now - echoDelay + FRAME_SAMPLES);
        // The bot's 20 ms that this frame echoes, exactly: the ERL is measured against it.
        double farEchoed = echoDelay < 0 ? 0 : history.power(now - echoDelay, FRAME_SAMPLES);
        double inPower = power(nearEnd);
        // Against the bot's audio around the measured delay once the filter has proved that delay
        // by cancelling the echo there; until then against the loudest audio that could echo now,
        // so a wrong delay estimate (the jitter buffer grew) cannot let the echo pass as the caller.
        boolean delayProven = watchdog.converged();
        double couldEcho = delayProven ? farAtDelay : farPower;
        boolean callerTalking = doubleTalk.update(inPower, couldEcho, presence.echoRatio(),
                delayProven && watchdog.cancellingWell());
        EchoPresence.State state = presence.update(inPower, farPower, farAtDelay, farEchoed, echoDelay >= 0);
        delayEstimator.lineEchoFree(state == EchoPresence.State.ABSENT);
        if (state != EchoPresence.State.PRESENT) {
            // No echo found (yet): the caller's audio is not the canceller's to touch. In the bot's
            // first audible window on an unknown line, a frame that could be its first echo is
            // muted; after that, a line still unknown has the caller talking over the bot, and
            // muting would take their words (the barge-in the bot must hear).
            if (cleaned != nearEnd) {
                System.arraycopy(nearEnd, 0, cleaned, 0, FRAME_SAMPLES);
            }
            if (state == EchoPresence.State.UNKNOWN && presence.beforeFirstWindow() && inPower >= NEAR_AUDIBLE_POWER) {
                gate.process(cleaned, FRAME_SAMPLES, farPower, false);
            }
            account(farPower, inPower, inPower, cleaned, false, callerTalking);
            watchTime(started);
            return;
        }
        if (!engaged) {
            engaged = true;
            gate.reset();
        }
        engagedFrames++;
        if (followDelay) {
            align(echoDelay);
        }
        boolean echoing = couldEcho >= EchoPresence.FAR_AUDIBLE_POWER;
        history.copyDelayed(referenceDelay, FRAME_SAMPLES, far);
        MemorySegment.copy(nearEnd, 0, near, JAVA_SHORT, 0, FRAME_SAMPLES);
        try {
            dsp.echoCancellation.invokeExact(echoState, near, far, out);
            if (!preprocessState.equals(MemorySegment.NULL)) {
                int vad = (int) dsp.preprocessRun.invokeExact(preprocessState, out);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("speexdsp processing failed", t);
        }
        MemorySegment.copy(out, JAVA_SHORT, 0, cleaned, 0, FRAME_SAMPLES);
        double filteredPower = power(cleaned);
        if (callerTalking) {
            doubleTalkFrames++;
        }
        if (watchdog.diverged(inPower, filteredPower, farEchoed, callerTalking)) {
            // The filter adds energy, or replays the bot into a quiet line: whatever it learned is
            // wrong. This frame goes out as received (the gate still mutes it if it is echo).
            divergenceResets++;
            System.arraycopy(nearEnd, 0, cleaned, 0, FRAME_SAMPLES);
            filteredPower = inPower;
            resetFilter();
        }
        // Residual echo suppression scaled to the echo measured on this line: while the bot's
        // audio is echoing, a frame no louder than that echo can be (the double-talk detector's
        // judgement, on the input, so a filter misled for a moment cannot pass its residual as
        // the caller) holds no caller and is muted; a caller louder than the echo passes at full
        // level, with the echo under their voice removed by the filter.
        // Until the filter has proven the measured delay, the gate's own judgement, against the
        // loudest audio that could echo at any delay, mutes too: a wrong delay or ERL (a false
        // lock, a jitter buffer grown under load) must not let the bot through as the caller.
        boolean residualEcho = gate.judge(cleaned, FRAME_SAMPLES, farPower, farAtDelay >= farPower / 4);
        gate.apply(cleaned, FRAME_SAMPLES, (echoing && !callerTalking) || (!delayProven && residualEcho));
        account(farPower, inPower, filteredPower, cleaned, true, callerTalking);
        watchTime(started);
    }

    /**
     * Statistics of a frame where the bot's audio could echo; the filter's only while it is
     * engaged. ERLE is the echo's loss through the canceller, so frames with the caller talking
     * over the bot do not count: their energy is the caller's, passed on as it must be, and a
     * few seconds of it would make any filter look as if it cancelled nothing.
     */
    private void account(double farPower, double inPower, double filteredPower, short[] cleaned, boolean filtered,
            boolean callerTalking) {
        if (farPower < ECHO_POWER) {
            return;
        }
        echoFrames++;
        if (callerTalking) {
            return;
        }
        mutingIn += inPower;
        echoAfterMuting += power(cleaned);
        if (!filtered) {
            return;
        }
        if (++framesLearning > CONVERGENCE_FRAMES) {
            convergedIn += inPower;
            convergedAfterFilter += filteredPower;
        }
        echoIn += inPower;
        echoAfterFilter += filteredPower;
    }

    /** Counts frames whose processing took too long: the CPU is short and the echo path falls behind. */
    private void watchTime(long started) {
        if (System.nanoTime() - started > SLOW_FRAME_NANOS) {
            slowFrames++;
        }
    }

    /**
     * Moves the reference so the echo lands {@link #ECHO_PLACEMENT} into the filter's tail: when
     * the delay is first measured, and later only when the echo has drifted out of the part of
     * the tail the filter models well. A move costs everything learned, so a measured delay a
     * block or two off (the envelope's resolution) leaves the filter alone: it covers the echo
     * wherever it sits in the tail.
     */
    private void align(int echoDelay) {
        // The caller's frame at far time t is processed before the bot's frame of t is sent:
        // an echo of delay d is (d - frame) behind the newest reference sample.
        int placed = echoDelay - FRAME_SAMPLES - referenceDelay;
        if (aligned && (watchdog.converged() || placed >= MIN_PLACEMENT && placed <= tailSamples - TAIL_ROOM)) {
            // A filter that cancels the echo where it is has the delay right, whatever a new
            // estimate says (the caller talking over the bot skews the envelope correlation);
            // if the path really moved, its ERLE falls within half a second and this gives way.
            return;
        }
        aligned = true;
        int delay = Math.clamp(echoDelay - FRAME_SAMPLES - ECHO_PLACEMENT, 0, MAX_ECHO_DELAY);
        if (delay != referenceDelay) {
            referenceDelay = delay;
            realignments++;
            resetFilter(); // what the filter learned sits at the old delay
        }
    }

    /**
     * Our jitter buffer moved playout: the echo path is the same, only later or sooner by exactly
     * {@code samples}. The reference moves with it, so the learned filter stays valid, and the
     * delay measurement moves too instead of discovering the change seconds later (when an echo
     * moved before the filter's start has passed uncancelled all along).
     */
    @Override
    public synchronized void playoutShifted(int samples) {
        if (closed || samples == 0) {
            return;
        }
        delayEstimator.shift(samples);
        int moved = referenceDelay + samples;
        if (moved >= 0 && moved <= MAX_ECHO_DELAY) {
            referenceDelay = moved;
            playoutShifts++;
        } else {
            // The echo now comes sooner than the reference can be read (a short echo path made
            // shorter): the filter starts again with the echo wherever it now sits.
            referenceDelay = Math.clamp(moved, 0, MAX_ECHO_DELAY);
            realignments++;
            resetFilter();
        }
    }

    /** The echo-delay searches run so far (what the canceller costs a call that does not echo). */
    synchronized long delaySearches() {
        return delayEstimator.searches();
    }

    /** How the echo was removed so far. */
    @Override
    public synchronized EchoReport report() {
        int echoDelay = delayEstimator.delaySamples();
        long detectedAt = presence.detectedAtFrame();
        return new EchoReport(echoDelay < 0 ? -1 : echoDelay * 1000 / SAMPLE_RATE,
                echoFrames * FRAME_SAMPLES / (double) SAMPLE_RATE, decibels(echoIn, echoAfterFilter),
                decibels(convergedIn, convergedAfterFilter), decibels(mutingIn, echoAfterMuting),
                gate.framesMuted(), presence.state() == EchoPresence.State.PRESENT,
                detectedAt < 0 ? Double.NaN : detectedAt * FRAME_SAMPLES / (double) SAMPLE_RATE, presence.erlDb(),
                engagedFrames, doubleTalkFrames, divergenceResets, slowFrames, playoutShifts, realignments);
    }

    @Override
    public synchronized LineEchoState lineEcho() {
        return switch (presence.state()) {
            case UNKNOWN -> LineEchoState.UNKNOWN;
            case ABSENT -> LineEchoState.ABSENT;
            case PRESENT -> LineEchoState.PRESENT;
        };
    }

    @Override
    public synchronized void reset() {
        if (closed) {
            return;
        }
        resetFilter();
        delayEstimator.reset();
        presence.reset();
        doubleTalk.reset();
        engaged = false;
        aligned = false;
        referenceDelay = configuredDelay;
    }

    private void resetFilter() {
        framesLearning = 0;
        try {
            dsp.echoStateReset.invokeExact(echoState);
        } catch (Throwable t) {
            throw new IllegalStateException("speex_echo_state_reset failed", t);
        }
        watchdog.reset();
        gate.reset();
    }

    private static double power(short[] frame) {
        double sum = 0;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            double v = frame[i];
            sum += v * v;
        }
        return sum / FRAME_SAMPLES;
    }

    private static double decibels(double in, double out) {
        return in <= 0 ? Double.NaN : 10 * Math.log10(in / Math.max(out, 1e-3));
    }

    @Override
    public synchronized boolean isActive() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroy(echoState, preprocessState);
        arena.close();
    }

    private void setInt(MemorySegment pre, MemorySegment arg, int request, int value) throws Throwable {
        arg.set(JAVA_INT, 0, value);
        int unused = (int) dsp.preprocessCtl.invokeExact(pre, request, arg);
    }

    private void destroy(MemorySegment echo, MemorySegment pre) {
        try {
            // The preprocessor points at the echo state: free it first.
            if (!pre.equals(MemorySegment.NULL)) {
                dsp.preprocessStateDestroy.invokeExact(pre);
            }
            if (!echo.equals(MemorySegment.NULL)) {
                dsp.echoStateDestroy.invokeExact(echo);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("freeing speexdsp state failed", t);
        }
    }
}
