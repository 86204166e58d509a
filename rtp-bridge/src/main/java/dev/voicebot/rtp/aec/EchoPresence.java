package dev.voicebot.rtp.aec;

/**
 * Decides, per call, whether the caller's line sends the bot's audio back at all, and how loud.
 *
 * <p>Most SIP calls carry no echo (a handset, a headset, a trunk with its own canceller). On such a
 * line an adaptive filter has nothing to learn: everything it does to the caller's audio is harm,
 * and a caller talking over the bot is exactly the signal that makes it diverge. So the canceller
 * stays out of the caller's audio until this class has found the echo:
 *
 * <ul>
 * <li>{@link State#UNKNOWN} at the start: nothing is known yet. The first frames of an echo arrive
 *     before any measurement can see them, so frames that could be echo may be muted (see
 *     {@link SpeexEchoCanceller}), the only time a caller on an echo-free line can be touched.</li>
 * <li>{@link State#ABSENT} once the bot has been audible for longer than the longest echo delay
 *     looked for and the caller's side never came within {@link #ABSENT_RATIO} of it: the caller's
 *     audio passes bit-exactly. The delay estimator keeps listening, so a line that starts echoing
 *     later (a speakerphone switched on) is still found.</li>
 * <li>{@link State#PRESENT} once the bot's energy envelope is found in the caller's audio (the
 *     {@link EchoDelayEstimator}'s correlation) at a plausible level: the canceller engages.</li>
 * </ul>
 *
 * <p>It also measures the echo return loss (ERL, bot level at the echo delay over echo level) on
 * frames that hold only echo, which scales the residual echo suppression and the double-talk
 * decision. No allocation. Not thread-safe: media clock only.
 */
final class EchoPresence {

    enum State { UNKNOWN, ABSENT, PRESENT }

    /** rms 30 (about -60 dBFS): quieter bot audio cannot echo audibly. */
    static final double FAR_AUDIBLE_POWER = 30.0 * 30.0;
    /**
     * 40 frames (800 ms) of audible bot audio: longer than the longest echo delay searched
     * (640 ms), so an echo, however late, has arrived within the window.
     */
    private static final int ABSENT_WINDOW_FRAMES = 40;
    /**
     * -20 dB: a caller side that never came within this of the bot's loudest audio holds no echo a
     * VAD could take for speech; weaker echoes are still found by correlation later.
     */
    private static final double ABSENT_RATIO = 0.01;
    /** rms 30 (about -60 dBFS): a caller side never louder than this returns no echo worth the name. */
    private static final double NEAR_AUDIBLE_POWER = 30.0 * 30.0;
    /**
     * -30 dB: an "echo" further below the bot is line noise the envelope correlation lined up by
     * chance (seen: "found" at 55 dB ERL on a line that did not echo, the caller's audio then
     * touched for nothing); a real echo that weak is inaudible to the VAD anyway.
     */
    private static final double MIN_ECHO_RATIO = 0.001;
    /** An "echo" 10 dB louder than the bot is the caller talking, whatever the correlation says. */
    private static final double MAX_ECHO_RATIO = 10;
    /** 10 frames (200 ms) of echo-only audio per ERL measurement: a syllable or two. */
    private static final int ERL_WINDOW_FRAMES = 10;
    /** How fast the ERL follows its measurements (log domain): about a second. */
    private static final double ERL_RATE = 0.2;
    /** A window more than 6 dB above the expected echo holds the caller: not an ERL sample. */
    private static final double ERL_OUTLIER = 4;

    private State state = State.UNKNOWN;
    /** Whether the bot has been audible for a whole window yet (the echo, if any, has arrived). */
    private boolean firstWindowOver;
    private int windowFrames;
    private double windowNearLoudest;
    private double windowFarLoudest;
    private long frames;
    private long detectedAtFrame = -1;
    /** Echo power over the bot's power at the echo delay, log (natural); NaN until measured. */
    private double logErl = Double.NaN;
    private double erlNear;
    private double erlFar;
    private int erlFrames;

    /**
     * Takes one caller frame.
     *
     * @param nearPower      mean square of the caller's frame
     * @param farPower       loudest 20 ms of the bot's audio that could echo in this frame
     * @param farAtDelay     loudest 20 ms of the bot's audio around the measured echo delay, or
     *                       0 if no delay is measured
     * @param farEchoed      power of exactly the bot's 20 ms this frame echoes, 0 if no delay is
     *                       measured
     * @param delayMeasured  whether the delay estimator has found the bot's envelope in the caller's
     *                       audio
     */
    State update(double nearPower, double farPower, double farAtDelay, double farEchoed, boolean delayMeasured) {
        frames++;
        if (state != State.PRESENT && delayMeasured && farAtDelay >= FAR_AUDIBLE_POWER
                && nearPower <= MAX_ECHO_RATIO * farAtDelay && nearPower >= NEAR_AUDIBLE_POWER
                && nearPower >= MIN_ECHO_RATIO * farAtDelay) {
            state = State.PRESENT;
            detectedAtFrame = frames;
        }
        if (state == State.UNKNOWN && farPower >= FAR_AUDIBLE_POWER) {
            // Loudest against loudest over the window: the bot's first syllable may be barely
            // audible in its first frame, and line noise must not look like an echo against it.
            windowNearLoudest = Math.max(windowNearLoudest, nearPower);
            windowFarLoudest = Math.max(windowFarLoudest, farPower);
            if (++windowFrames >= ABSENT_WINDOW_FRAMES) {
                firstWindowOver = true;
                if (windowNearLoudest < NEAR_AUDIBLE_POWER || windowNearLoudest < ABSENT_RATIO * windowFarLoudest) {
                    state = State.ABSENT;
                }
                windowFrames = 0;
                windowNearLoudest = 0;
                windowFarLoudest = 0;
            }
        }
        if (state == State.PRESENT && farEchoed >= FAR_AUDIBLE_POWER) {
            // Energy over a window, not a mean of frame ratios: a syllable's pauses would count as
            // a strong loss and the echo would seem far quieter than it is. Not gated by the
            // double-talk decision, which depends on this figure: an ERL measured too high would
            // call the echo "caller" and never be corrected. A window with the caller in it is
            // an outlier (6 dB above the echo) and left out; one a little louder errs towards
            // a stronger echo, towards muting.
            erlNear += nearPower;
            erlFar += farEchoed;
            if (++erlFrames >= ERL_WINDOW_FRAMES) {
                double sample = Math.log(Math.max(erlNear, 1) / erlFar);
                if (Double.isNaN(logErl)) {
                    logErl = sample;
                } else if (sample < logErl + Math.log(ERL_OUTLIER)) {
                    logErl += ERL_RATE * (sample - logErl);
                }
                erlNear = 0;
                erlFar = 0;
                erlFrames = 0;
            }
        }
        return state;
    }

    State state() {
        return state;
    }

    /**
     * Whether the bot has not yet been audible for a whole window: only then can a frame on an
     * unknown line be the first echo of the bot that no measurement has seen yet. A window that
     * ends undecided was the caller talking over the bot, whose words must then pass.
     */
    boolean beforeFirstWindow() {
        return !firstWindowOver;
    }

    /** The echo's power over the bot's at the echo delay (1 = 0 dB ERL), or NaN before it is measured. */
    double echoRatio() {
        return Math.exp(logErl);
    }

    /** Echo return loss in dB (positive: the echo is quieter than the bot), NaN before it is measured. */
    double erlDb() {
        return Double.isNaN(logErl) ? Double.NaN : -10 * logErl / Math.log(10);
    }

    /** Caller frames seen before the echo was found (0-based), or -1 if it never was. */
    long detectedAtFrame() {
        return detectedAtFrame < 0 ? -1 : detectedAtFrame - 1;
    }

    /** The peer moved: a new line, nothing known about it. */
    void reset() {
        state = State.UNKNOWN;
        firstWindowOver = false;
        windowFrames = 0;
        windowNearLoudest = 0;
        windowFarLoudest = 0;
        logErl = Double.NaN;
        erlNear = 0;
        erlFar = 0;
        erlFrames = 0;
        detectedAtFrame = -1;
    }
}
