package dev.voicebot.rtp.aec;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * speexdsp's echo canceller, optionally followed by its preprocessor (noise suppression and
 * residual echo suppression, which uses the canceller's echo estimate).
 *
 * <p>All native memory (both speex states and the sample buffers, including the bulk delay line
 * of far-end frames) is allocated once here and freed by {@link #close()}; a frame costs two
 * array copies into native buffers and one or two downcalls, with no allocation.
 *
 * <p>The media clock thread processes frames while the signalling side may close the call at any
 * moment, so processing and closing are serialised on this object's monitor: uncontended but
 * for the one frame a close can overlap, and never a use of freed native state.
 */
public final class SpeexEchoCanceller implements EchoCanceller {

    private static final long FRAME_BYTES = FRAME_SAMPLES * JAVA_SHORT.byteSize();

    private final SpeexDsp dsp;
    private final Arena arena;
    private final MemorySegment echoState;
    private final MemorySegment preprocessState;
    private final MemorySegment near;
    private final MemorySegment out;
    /** Far-end frames; slot {@code head} holds the one {@code bulkDelay} ticks before the newest. */
    private final MemorySegment[] farRing;
    private int head;
    private boolean closed;

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
        int slots = config.bulkDelayMillis() / 20 + 1;
        MemorySegment ring = arena.allocate(FRAME_BYTES * slots, 8); // zeroed: silence before the first frame
        this.farRing = new MemorySegment[slots];
        for (int i = 0; i < slots; i++) {
            farRing[i] = ring.asSlice(i * FRAME_BYTES, FRAME_BYTES);
        }
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
        MemorySegment.copy(farEnd, 0, farRing[head], JAVA_SHORT, 0, FRAME_SAMPLES);
        head = head + 1 == farRing.length ? 0 : head + 1;
    }

    @Override
    public synchronized void capture(short[] nearEnd, short[] cleaned) {
        if (closed) {
            if (cleaned != nearEnd) {
                System.arraycopy(nearEnd, 0, cleaned, 0, FRAME_SAMPLES);
            }
            return;
        }
        MemorySegment.copy(nearEnd, 0, near, JAVA_SHORT, 0, FRAME_SAMPLES);
        try {
            dsp.echoCancellation.invokeExact(echoState, near, farRing[head], out);
            if (!preprocessState.equals(MemorySegment.NULL)) {
                int vad = (int) dsp.preprocessRun.invokeExact(preprocessState, out);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("speexdsp processing failed", t);
        }
        MemorySegment.copy(out, JAVA_SHORT, 0, cleaned, 0, FRAME_SAMPLES);
    }

    @Override
    public synchronized void reset() {
        if (closed) {
            return;
        }
        try {
            dsp.echoStateReset.invokeExact(echoState);
        } catch (Throwable t) {
            throw new IllegalStateException("speex_echo_state_reset failed", t);
        }
        for (MemorySegment slot : farRing) {
            slot.fill((byte) 0);
        }
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
