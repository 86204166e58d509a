package dev.voicebot.rtp.jitter;

/**
 * The range the jitter buffer's target playout delay moves in. The delay is the audio buffered
 * when a 20 ms frame is taken, that frame included, for the packets that arrive soonest: 20 ms
 * is the least a 20 ms media clock can have (no cushion at all), and the buffer starts there.
 *
 * @param minMillis lowest target; 20 on a clean network (loopback, LAN). Setting it equal to
 *                  {@code maxMillis} gives a fixed delay
 * @param maxMillis highest target, however bad the jitter gets: every millisecond of it is added
 *                  to the bot's response time, so beyond it late packets are concealed instead
 */
public record JitterDelay(int minMillis, int maxMillis) {

    /** 20-120 ms: the minimum on clean networks, enough for bad mobile and Wi-Fi links. */
    public static final JitterDelay DEFAULT = new JitterDelay(20, 120);
    /** The buffer holds at most 500 ms; half of it stays free for bursts above the target. */
    static final int LIMIT_MILLIS = 250;

    public JitterDelay {
        if (minMillis < 0 || maxMillis < minMillis || maxMillis > LIMIT_MILLIS) {
            throw new IllegalArgumentException(
                    "jitter delay must satisfy 0 <= min <= max <= " + LIMIT_MILLIS + " ms: " + minMillis + "-" + maxMillis);
        }
    }

    /** A delay that does not adapt. */
    public static JitterDelay fixed(int millis) {
        return new JitterDelay(millis, millis);
    }
}
