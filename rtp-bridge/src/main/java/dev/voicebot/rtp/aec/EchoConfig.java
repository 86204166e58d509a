package dev.voicebot.rtp.aec;

/**
 * How a call's echo canceller runs.
 *
 * @param enabled              false: the caller's audio passes through untouched
 * @param tailMillis           echo path length the adaptive filter covers, 128-256 ms; longer
 *                             tails reach later echoes but converge more slowly
 * @param bulkDelayMillis      delay (a multiple of 20 ms, 0-500) added to the far-end reference
 *                             before the filter, for echo paths whose delay exceeds the tail (a
 *                             distant gateway); 0 = the frame sent one tick earlier. With delay
 *                             estimation it only applies until the echo delay is measured.
 * @param preprocess           run speex's preprocessor after the canceller: noise suppression
 *                             and residual echo suppression
 * @param noiseSuppressDb      maximum noise attenuation, negative dB (speex default -15)
 * @param echoSuppressDb       maximum residual echo attenuation while the caller is silent,
 *                             negative dB (speex default -40)
 * @param echoSuppressActiveDb residual echo attenuation while the caller talks, negative dB
 *                             (speex default -15): milder, so double-talk keeps the caller
 * @param delayEstimation      measure the echo delay during the call (sent against received
 *                             audio) and move the reference to it, so that echoes later than
 *                             the tail (a deep jitter buffer, a distant gateway) are cancelled
 */
public record EchoConfig(boolean enabled, int tailMillis, int bulkDelayMillis, boolean preprocess,
        int noiseSuppressDb, int echoSuppressDb, int echoSuppressActiveDb, boolean delayEstimation) {

    public static final int MIN_TAIL_MILLIS = 128;
    public static final int MAX_TAIL_MILLIS = 256;
    public static final int MAX_BULK_DELAY_MILLIS = 500;

    /**
     * On, 128 ms tail, echo delay measured, without speex's preprocessor: its residual echo
     * suppression follows the filter's own echo estimate, which double talk misleads, so residual
     * echo is muted by the echo level measured on the line instead (and noise suppression is a
     * stage of its own, {@link NoiseSuppressor}).
     */
    public static final EchoConfig DEFAULT = new EchoConfig(true, 128, 0, false, -15, -40, -15, true);

    /** Passthrough. */
    public static final EchoConfig OFF = new EchoConfig(false, 128, 0, false, -15, -40, -15, true);

    public EchoConfig {
        if (tailMillis < MIN_TAIL_MILLIS || tailMillis > MAX_TAIL_MILLIS) {
            throw new IllegalArgumentException("echo tail must be 128-256 ms: " + tailMillis);
        }
        if (bulkDelayMillis < 0 || bulkDelayMillis > MAX_BULK_DELAY_MILLIS || bulkDelayMillis % 20 != 0) {
            throw new IllegalArgumentException("bulk delay must be a multiple of 20 ms in 0-500: " + bulkDelayMillis);
        }
        if (noiseSuppressDb > 0 || echoSuppressDb > 0 || echoSuppressActiveDb > 0) {
            throw new IllegalArgumentException("suppression levels are attenuations in negative dB");
        }
    }

    /** The configuration before delay estimation: the delay is estimated. */
    public EchoConfig(boolean enabled, int tailMillis, int bulkDelayMillis, boolean preprocess,
            int noiseSuppressDb, int echoSuppressDb, int echoSuppressActiveDb) {
        this(enabled, tailMillis, bulkDelayMillis, preprocess, noiseSuppressDb, echoSuppressDb, echoSuppressActiveDb,
                true);
    }

    public EchoConfig withTailMillis(int tail) {
        return new EchoConfig(enabled, tail, bulkDelayMillis, preprocess, noiseSuppressDb, echoSuppressDb,
                echoSuppressActiveDb, delayEstimation);
    }

    public EchoConfig withBulkDelayMillis(int delay) {
        return new EchoConfig(enabled, tailMillis, delay, preprocess, noiseSuppressDb, echoSuppressDb,
                echoSuppressActiveDb, delayEstimation);
    }

    public EchoConfig withPreprocess(boolean on) {
        return new EchoConfig(enabled, tailMillis, bulkDelayMillis, on, noiseSuppressDb, echoSuppressDb,
                echoSuppressActiveDb, delayEstimation);
    }

    public EchoConfig withDelayEstimation(boolean on) {
        return new EchoConfig(enabled, tailMillis, bulkDelayMillis, preprocess, noiseSuppressDb, echoSuppressDb,
                echoSuppressActiveDb, on);
    }
}
