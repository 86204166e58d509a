package dev.voicebot.rtp.aec;

/**
 * One call's echo path processing on 16 kHz mono frames of exactly {@link #FRAME_SAMPLES}
 * samples. The session calls {@link #capture} with each inbound frame and {@link #playback} with
 * each frame it sent, both on the media clock thread, once per tick.
 */
public sealed interface EchoCanceller extends AutoCloseable permits SpeexEchoCanceller, EchoPassthrough {

    int SAMPLE_RATE = 16_000;
    int FRAME_SAMPLES = 320;

    /**
     * The canceller the configuration asks for.
     *
     * @throws SpeexDspUnavailableException if it is enabled and libspeexdsp cannot be loaded
     */
    static EchoCanceller create(EchoConfig config) {
        return config.enabled() ? new SpeexEchoCanceller(config) : new EchoPassthrough();
    }

    /** Records a frame just sent to the caller as the far-end reference; the array is not kept. */
    void playback(short[] farEnd);

    /**
     * Writes the caller's frame {@code nearEnd} with the echo of earlier {@link #playback} frames
     * removed into {@code out} (which may be {@code nearEnd} itself).
     */
    void capture(short[] nearEnd, short[] out);

    /** How well the echo was removed so far ({@link EchoReport#NONE} when nothing is processed). */
    default EchoReport report() {
        return EchoReport.NONE;
    }

    /**
     * Whether the line echoes, as measured so far; {@link LineEchoState#UNKNOWN} for a canceller
     * that measures nothing. Media clock thread.
     */
    default LineEchoState lineEcho() {
        return LineEchoState.UNKNOWN;
    }

    /**
     * Our own playout moved by {@code samples} (16 kHz; positive: later): the jitter buffer
     * grew or dropped a frame, so every echo from now on comes back that much later. A
     * canceller that follows it keeps what it learned instead of relearning the path at the new
     * delay. Media clock thread, before the {@link #capture} of the first frame it applies to.
     */
    default void playoutShifted(int samples) {
    }

    /** Forgets the learned echo path and its delay, e.g. when the peer moved. */
    void reset();

    /** Whether frames are really processed (false for passthrough and after close). */
    boolean isActive();

    /** Frees native state; later calls pass audio through. Idempotent, safe from any thread. */
    @Override
    void close();
}
