package dev.voicebot.rtp.aec;

/**
 * Tells whether the caller is talking over the echo of the bot (double talk), Geigel-style but
 * against the echo level measured on this line rather than an assumed one: a frame louder than
 * the loudest echo the bot's audio that can echo now can produce ({@link EchoPresence#echoRatio()})
 * by {@link #MARGIN} holds the caller. A short hangover covers the caller's syllable gaps, so
 * adaptation decisions do not flicker inside a word.
 *
 * <p>Double-talk frames are not samples of the echo: the ERL measurement and the divergence
 * watchdog skip them. No allocation. Not thread-safe: media clock only.
 */
final class DoubleTalkDetector {

    /** 6 dB above the loudest expected echo, while the echo delay is not proven. */
    private static final double MARGIN = 4;
    /**
     * 3 dB while the filter cancels the echo well (15 dB) at a delay it has proven: the expected
     * echo is then the loudest 20 ms right around the delay against an ERL measured on the exact
     * frame, already an upper bound, and what a frame misjudged as the caller lets through is the
     * filter's small residual; a caller talking at the bot's level over a 6 dB echo must not lose
     * half their syllables. A filter disturbed (by double talk) falls back to 6 dB at once.
     */
    private static final double PROVEN_MARGIN = 2;
    /** rms 30 (about -60 dBFS): quieter frames are line noise, not a talker. */
    private static final double NEAR_AUDIBLE_POWER = 30.0 * 30.0;
    /** 2 frames (40 ms) after the caller was last heard over the echo: the decaying end of a word. */
    private static final int HANGOVER_FRAMES = 2;

    private int hangover;

    /**
     * @param nearPower  mean square of the caller's frame
     * @param farPower   loudest 20 ms of the bot's audio that could echo in this frame (around the
     *                   measured delay once it is proven, else over every delay searched)
     * @param echoRatio  the echo's power over the bot's, NaN before it is measured
     * @param trusted    whether the filter cancels well at a delay it has proven ({@code farPower}
     *                   is then taken around that delay)
     * @return whether the caller is talking over the bot in this frame
     */
    boolean update(double nearPower, double farPower, double echoRatio, boolean trusted) {
        if (Double.isNaN(echoRatio)) {
            return false;
        }
        double expectedEcho = echoRatio * Math.max(farPower, EchoPresence.FAR_AUDIBLE_POWER);
        double margin = trusted ? PROVEN_MARGIN : MARGIN;
        if (nearPower >= NEAR_AUDIBLE_POWER && nearPower > margin * expectedEcho) {
            hangover = HANGOVER_FRAMES;
            return true;
        }
        if (hangover > 0) {
            hangover--;
            return true;
        }
        return false;
    }

    void reset() {
        hangover = 0;
    }
}
