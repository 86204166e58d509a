package dev.voicebot.rtp.aec;

/**
 * How well a call's echo was removed, over the frames where the bot's audio could echo (the ERLE
 * figures leave out those where the caller talked over it: that energy is the caller's, not echo).
 *
 * @param delayMillis          the measured echo delay (network, far end and our jitter buffer),
 *                             or -1 if it was never measured (the bot said too little)
 * @param echoSeconds          audio time during which the bot's audio could echo
 * @param erleDb               echo return loss enhancement of the adaptive filter (and speex's
 *                             preprocessor, if configured) over the frames it was engaged on:
 *                             caller-side energy in against energy out, in dB
 * @param convergedErleDb      the same, leaving out the first 1.5 s of echo after the filter
 *                             (re)started learning: the steady state
 * @param erleWithMutingDb     the whole call after residual-echo muting (what the pipeline hears)
 * @param framesMuted          20 ms frames muted as residual echo (or, before the line was known,
 *                             as a possible first echo)
 * @param echoDetected         whether the line was found to echo the bot; until it is, the caller's
 *                             audio is passed on untouched
 * @param detectedAtSeconds    call audio time at which the echo was found, NaN if never
 * @param erlDb                echo return loss of the line: how far below the bot's audio its echo
 *                             came back, NaN if no echo was found
 * @param engagedFrames        20 ms frames that went through the adaptive filter
 * @param doubleTalkFrames     engaged frames in which the caller talked over the echo
 * @param divergenceResets     times the filter was found diverged and reset
 * @param slowFrames           frames whose echo processing took over 5 ms (a CPU short of time)
 * @param playoutShifts        times our jitter buffer moved the echo (grew or dropped a frame) and
 *                             the filter followed without relearning
 * @param realignments         times the filter was moved to a newly measured delay and relearned
 */
public record EchoReport(int delayMillis, double echoSeconds, double erleDb, double convergedErleDb,
        double erleWithMutingDb, long framesMuted, boolean echoDetected, double detectedAtSeconds, double erlDb,
        long engagedFrames, long doubleTalkFrames, int divergenceResets, long slowFrames, int playoutShifts,
        int realignments) {

    public static final EchoReport NONE = new EchoReport(-1, 0, Double.NaN, Double.NaN, Double.NaN, 0, false,
            Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0);

    @Override
    public String toString() {
        if (!echoDetected) {
            return String.format("no echo found in %.1f s of possible echo: caller audio untouched"
                    + " (%d frames muted before the line was known, %d slow frames)", echoSeconds, framesMuted,
                    slowFrames);
        }
        return String.format("echo found at %.1f s, ERL %.1f dB, delay %d ms, %.1f s of possible echo, ERLE %.1f dB"
                + " (%.1f dB once converged, %.1f dB with %d frames of residual echo muted), %d frames engaged,"
                + " %d double talk, %d divergence resets, %d playout shifts followed, %d realignments, %d slow frames",
                detectedAtSeconds, erlDb, delayMillis, echoSeconds, erleDb, convergedErleDb, erleWithMutingDb,
                framesMuted, engagedFrames, doubleTalkFrames, divergenceResets, playoutShifts, realignments,
                slowFrames);
    }
}
