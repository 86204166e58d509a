package dev.voicebot.rtp.aec;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * speex's preprocessor as a noise suppressor of its own, on the caller's 16 kHz 20 ms frames after
 * the echo path: on whether or not echo cancellation is (before, denoising came only with the echo
 * canceller's preprocessor, so a call without echo cancellation could not be denoised). No
 * residual echo suppression here: that belongs to the echo path, scaled to the echo measured.
 *
 * <p>Native state is allocated once and freed by {@link #close()}; a frame costs two copies and
 * one downcall and allocates nothing. Processing and closing are serialised on this object's
 * monitor, as in {@link SpeexEchoCanceller}.
 */
public final class NoiseSuppressor implements AutoCloseable {

    private static final int FRAME_SAMPLES = EchoCanceller.FRAME_SAMPLES;

    private final SpeexDsp dsp;
    private final Arena arena;
    private final MemorySegment state;
    private final MemorySegment frame;
    private boolean closed;

    /**
     * @throws SpeexDspUnavailableException if libspeexdsp cannot be loaded
     */
    public NoiseSuppressor(NoiseSuppression config) {
        this.dsp = SpeexDsp.get();
        this.arena = Arena.ofShared();
        MemorySegment pre = MemorySegment.NULL;
        try {
            pre = (MemorySegment) dsp.preprocessStateInit.invokeExact(FRAME_SAMPLES, EchoCanceller.SAMPLE_RATE);
            if (pre.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("speex_preprocess_state_init failed");
            }
            MemorySegment arg = arena.allocate(JAVA_INT);
            arg.set(JAVA_INT, 0, 1);
            int unused = (int) dsp.preprocessCtl.invokeExact(pre, SpeexDsp.SPEEX_PREPROCESS_SET_DENOISE, arg);
            arg.set(JAVA_INT, 0, config.maxAttenuationDb());
            unused = (int) dsp.preprocessCtl.invokeExact(pre, SpeexDsp.SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, arg);
        } catch (Throwable t) {
            destroy(pre);
            arena.close();
            throw t instanceof RuntimeException r ? r : new IllegalStateException("speexdsp setup failed", t);
        }
        this.state = pre;
        this.frame = arena.allocate((long) FRAME_SAMPLES * JAVA_SHORT.byteSize(), 8);
    }

    /** Denoises one frame of {@link EchoCanceller#FRAME_SAMPLES} samples in place. */
    public synchronized void process(short[] pcm) {
        if (closed) {
            return;
        }
        MemorySegment.copy(pcm, 0, frame, JAVA_SHORT, 0, FRAME_SAMPLES);
        try {
            int vad = (int) dsp.preprocessRun.invokeExact(state, frame);
        } catch (Throwable t) {
            throw new IllegalStateException("speex_preprocess_run failed", t);
        }
        MemorySegment.copy(frame, JAVA_SHORT, 0, pcm, 0, FRAME_SAMPLES);
    }

    /** Frees native state; later frames pass unchanged. Idempotent, safe from any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroy(state);
        arena.close();
    }

    private void destroy(MemorySegment pre) {
        if (pre.equals(MemorySegment.NULL)) {
            return;
        }
        try {
            dsp.preprocessStateDestroy.invokeExact(pre);
        } catch (Throwable t) {
            throw new IllegalStateException("speex_preprocess_state_destroy failed", t);
        }
    }
}
