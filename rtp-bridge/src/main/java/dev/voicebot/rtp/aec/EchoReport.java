package dev.voicebot.rtp.aec;

/**
 * How well a call's echo was removed, over the frames where the bot's audio could echo.
 *
 * @param delayMillis          the measured echo delay (network, far end and our jitter buffer),
 *                             or -1 if it was never measured (the bot said too little)
 * @param echoSeconds          audio time during which the bot's audio could echo
 * @param erleDb               echo return loss enhancement of the adaptive filter and speex's
 *                             preprocessor: caller-side energy in against energy out, in dB
 * @param convergedErleDb      the same, leaving out the first 1.5 s of echo after the filter
 *                             (re)started learning: the steady state
 * @param erleWithMutingDb     the whole call after residual-echo muting (what the pipeline hears)
 * @param framesMuted          20 ms frames muted as residual echo
 */
public record EchoReport(int delayMillis, double echoSeconds, double erleDb, double convergedErleDb,
        double erleWithMutingDb, long framesMuted) {

    public static final EchoReport NONE = new EchoReport(-1, 0, Double.NaN, Double.NaN, Double.NaN, 0);

    @Override
    public String toString() {
        return String.format("echo delay %d ms, %.1f s of possible echo, ERLE %.1f dB (%.1f dB once converged,"
                + " %.1f dB with %d frames of residual echo muted)",
                delayMillis, echoSeconds, erleDb, convergedErleDb, erleWithMutingDb, framesMuted);
    }
}
