package dev.voicebot.rtp.aec;

/**
 * Notices an adaptive filter that has learned the wrong thing, so the canceller can forget it.
 *
 * <p>Two symptoms, judged only on frames where the bot's audio is echoing and the caller is not
 * talking over it (a double-talk frame's output is the caller, not a failure):
 *
 * <ul>
 * <li>the filter's output holds more energy than its input (ERLE below {@link #GAIN_LIMIT}, -3 dB)
 *     for about half a second: it adds an echo rather than removing one;</li>
 * <li>the caller's side is quiet but the output is not: the filter plays the bot's voice into a
 *     silent line (it learned an echo path that is not there, or no longer is). A VAD would take
 *     that for the caller, so it is caught within {@link #REPLAY_LIMIT} frames (160 ms), before a VAD calls it speech.</li>
 * </ul>
 *
 * <p>Counters are leaky (a good frame takes one back), so sporadic bad frames never add up to a
 * reset. No allocation. Not thread-safe: media clock only.
 */
final class DivergenceWatchdog {

    private static final double GAIN_LIMIT = 2;
    private static final int GAIN_FRAMES = 25;
    /** rms 30 (about -60 dBFS): a quieter caller side is silent. */
    private static final double NEAR_QUIET_POWER = 30.0 * 30.0;
    private static final int REPLAY_LIMIT = 8;

    /** ERLE the filter must show before its delay is trusted: 10 dB. */
    private static final double CONVERGED_ERLE_DB = 10;
    private static final double CONVERGED_LOG_ERLE = CONVERGED_ERLE_DB * Math.log(10) / 10;
    private static final double WELL_LOG_ERLE = 15 * Math.log(10) / 10;
    /** About half a second of echo-only frames. */
    private static final double ERLE_RATE = 0.05;

    private double logErle;
    private int gainCount;
    private int replayCount;

    /**
     * @param inPower       the caller's frame before the filter (mean square)
     * @param outPower      after the filter
     * @param farEchoed     power of exactly the bot's 20 ms this frame echoes: when it is loud and
     *                      the caller's side quiet, the line is not echoing now, and anything the
     *                      filter outputs is its own replay of the bot
     * @param callerTalking double talk: not judged
     * @return whether the filter diverged: the caller must reset it
     */
    boolean diverged(double inPower, double outPower, double farEchoed, boolean callerTalking) {
        if (callerTalking || farEchoed < EchoPresence.FAR_AUDIBLE_POWER) {
            return false;
        }
        if (inPower < NEAR_QUIET_POWER) {
            replayCount = outPower > Math.max(4 * inPower, NEAR_QUIET_POWER) ? replayCount + 1
                    : Math.max(0, replayCount - 1);
        } else {
            gainCount = outPower > GAIN_LIMIT * inPower ? gainCount + 1 : Math.max(0, gainCount - 1);
            logErle += ERLE_RATE * (Math.log(inPower / Math.max(outPower, 1)) - logErle);
        }
        if (gainCount >= GAIN_FRAMES || replayCount >= REPLAY_LIMIT) {
            reset();
            return true;
        }
        return false;
    }

    void reset() {
        gainCount = 0;
        replayCount = 0;
        logErle = 0;
    }

    /**
     * Whether the filter has shown it cancels this echo (ERLE over {@link #CONVERGED_ERLE_DB} on
     * recent echo-only frames): proof that the measured echo delay is right.
     */
    boolean converged() {
        return logErle >= CONVERGED_LOG_ERLE;
    }

    /** Whether the filter cancels this echo well now (ERLE over 15 dB on recent echo-only frames). */
    boolean cancellingWell() {
        return logErle >= WELL_LOG_ERLE;
    }
}
