package dev.voicebot.rtp.aec;

/**
 * Silences what is left of the bot's echo after the adaptive filter, frame by frame, unless the
 * caller is talking over it.
 *
 * <p>An adaptive filter needs a second or two of the bot's speech to converge on a full-level
 * echo (a speakerphone, SIPp's {@code -rtp_echo}); until then the bot's voice comes out barely
 * reduced, and a VAD takes it for the caller. speex's own residual echo suppression scales with
 * the filter's echo estimate, which is just as wrong before convergence. This gate instead
 * tracks, in frames that hold only echo, how much of the bot's audio survives cancellation
 * ({@code residual / far-end energy}, starting at 0 dB: nothing cancelled yet). A frame whose
 * cleaned energy stays within a margin of that expected residual is echo and is muted; a louder
 * frame is the caller (double-talk) and passes untouched. The far-end energy it compares with is
 * the loudest 20 ms of the bot's audio that can echo now, so a wrong delay estimate cannot open
 * the gate. So the caller is heard from the first syllable, needing only to be louder than
 * whatever echo remains: before convergence 6 dB over the bot's loudest echo, a bar that drops
 * as the filter converges (to tens of dB below the echo once it has).
 *
 * <p>Frames where the bot sent nothing audible pass unchanged. Not thread-safe: media clock only.
 *
 * <p>{@link SpeexEchoCanceller} uses this judgement only before the line is known to echo or not
 * (the first echo must not reach a VAD); once the echo is found it decides by the echo level
 * measured on the line and uses {@link #apply} for the muting itself.
 */
final class ResidualEchoGate {

    /** rms 30: below this the far end is silence (or line noise) and nothing echoes. */
    private static final double FAR_SILENT_POWER = 30.0 * 30.0;
    /**
     * 6 dB above the expected residual: the caller, not a fluctuation of the residual (which is
     * measured against the loudest echo, and tracked as its upper envelope, so it already has
     * headroom).
     */
    private static final double DOUBLE_TALK_MARGIN = 4;
    /**
     * How fast the residual estimate follows echo-only frames: up at once (within a frame or
     * two), down with a time constant of ~400 ms, so it stays an upper envelope of the residual.
     */
    private static final double RISE = 0.5;
    private static final double FALL = 0.05;
    /**
     * Without a measured echo delay single frames prove nothing (a quiet frame may just fall in a
     * pause of the echo), but a whole window of bot speech does: on a line with no echo at all
     * (most trunks), where no delay can ever be measured, the loudest frame of 200 ms of bot
     * speech stays far below the bot, while any echoing line reaches about its echo level. The
     * estimate then drops to that loudest frame, so a caller talking over the bot at the bot's
     * own level is heard instead of being muted as echo.
     */
    private static final int QUIET_WINDOW_FRAMES = 10;
    /** Floor of the residual estimate, -50 dB: a canceller never does better on a real line. */
    private static final double MIN_RESIDUAL = 1e-5;

    private double residual = 1;
    private int windowFrames;
    private double windowLoudest;
    private float gain = 1;
    private long framesMuted;

    /**
     * Mutes {@code frame} in place if it is residual echo.
     *
     * @param farPower the loudest 20 ms of the bot's audio that can echo in this frame
     * @param echoing  whether the echo of loud audio is known to be in this frame now (the echo
     *                 delay is measured); before that, frames teach the gate only once the bot has
     *                 been audible long enough for any ordinary echo to have arrived
     * @return whether the frame was muted
     */
    boolean process(short[] frame, int length, double farPower, boolean echoing) {
        boolean echoOnly = judge(frame, length, farPower, echoing);
        apply(frame, length, echoOnly);
        return echoOnly;
    }

    /** Whether {@code frame} is residual echo, as {@link #process} judges (and learns), without muting it. */
    boolean judge(short[] frame, int length, double farPower, boolean echoing) {
        boolean echoOnly = false;
        if (farPower >= FAR_SILENT_POWER) {
            double ratio = power(frame, length) / farPower;
            echoOnly = ratio < DOUBLE_TALK_MARGIN * residual;
            if (!echoing) {
                learnFromWindow(ratio);
            }
            if (echoOnly && echoing) {
                // Geometric tracking: the residual spans decades while the filter converges.
                double rate = ratio > residual ? RISE : FALL;
                residual = Math.max(MIN_RESIDUAL, Math.exp((1 - rate) * Math.log(residual)
                        + rate * Math.log(Math.max(ratio, MIN_RESIDUAL))));
            }
        }
        return echoOnly;
    }

    /**
     * Mutes {@code frame} in place if {@code echoOnly} (decided elsewhere, e.g. from the echo level
     * measured on the line), with the same ramps and count as {@link #process}.
     */
    void apply(short[] frame, int length, boolean echoOnly) {
        float target = echoOnly ? 0f : 1f;
        if (target != gain || target == 0f) {
            // A ramp over the frame: no click where the caller's speech starts or stops.
            for (int i = 0; i < length; i++) {
                frame[i] = (short) (frame[i] * (gain + (target - gain) * (i + 1) / length));
            }
            gain = target;
        }
        if (echoOnly) {
            framesMuted++;
        }
    }

    private void learnFromWindow(double ratio) {
        windowLoudest = Math.max(windowLoudest, ratio);
        if (++windowFrames < QUIET_WINDOW_FRAMES) {
            return;
        }
        if (windowLoudest < residual) {
            residual = Math.max(MIN_RESIDUAL, windowLoudest);
        }
        windowFrames = 0;
        windowLoudest = 0;
    }

    /** The echo surviving cancellation, as a fraction of the far-end power (1 = 0 dB). */
    double expectedResidual() {
        return residual;
    }

    long framesMuted() {
        return framesMuted;
    }

    /** The echo path changed: assume nothing is cancelled until echo-only frames show otherwise. */
    void reset() {
        residual = 1;
        windowFrames = 0;
        windowLoudest = 0;
    }

    private static double power(short[] frame, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double v = frame[i];
            sum += v * v;
        }
        return sum / length;
    }
}
