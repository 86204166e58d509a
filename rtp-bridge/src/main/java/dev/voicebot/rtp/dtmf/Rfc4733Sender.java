package dev.voicebot.rtp.dtmf;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Turns queued key presses into RFC 4733 telephone-event packets, one decision per media clock
 * tick, without allocating on the clock thread.
 *
 * <p>Each key press is sent as: a first packet with the marker bit, then one packet per tick,
 * all carrying the RTP timestamp of the event's start and a duration that grows by one tick each
 * time, then three end packets (E bit) with the final duration, each in its own tick so one lost
 * datagram cannot lose the end. Audio is suspended while an event is on the wire (the session
 * sends nothing else in those ticks); between queued digits there is a gap of plain audio
 * (default 80 ms), which receivers need to tell two presses of the same key apart.
 *
 * <p>{@link #enqueue} may be called from any thread; everything else is for the clock thread.
 */
public final class Rfc4733Sender {

    public static final int VOLUME = 10;
    public static final int END_PACKETS = 3;
    public static final Duration MIN_DURATION = Duration.ofMillis(40);
    public static final Duration MAX_DURATION = Duration.ofSeconds(5);
    private static final String DIGITS = "0123456789*#ABCD";
    private static final int TICK_MILLIS = 20;

    private record Press(int event, int ticks) {
    }

    private final int samplesPerTick;
    private final int gapTicks;
    private final ArrayBlockingQueue<Press> queue;

    // Clock thread only.
    private Press current;
    private int tickInEvent;
    private int gapLeft;
    private int event;
    private int eventTimestamp;
    private boolean marker;
    private boolean end;
    private int duration;
    private volatile long digitsSent;

    /**
     * @param samplesPerTick RTP timestamp units per 20 ms tick (160 at 8 kHz)
     * @param gap            pause between queued digits, 60-100 ms recommended
     * @param capacity       digits that may wait; more are refused
     */
    public Rfc4733Sender(int samplesPerTick, Duration gap, int capacity) {
        this.samplesPerTick = samplesPerTick;
        this.gapTicks = (int) Math.max(1, (gap.toMillis() + TICK_MILLIS - 1) / TICK_MILLIS);
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** The RFC 4733 event code of a DTMF key: 0-9, * = 10, # = 11, A-D = 12-15. */
    public static int eventCode(char digit) {
        int code = DIGITS.indexOf(Character.toUpperCase(digit));
        if (code < 0) {
            throw new IllegalArgumentException("not a DTMF key: '" + digit + "'");
        }
        return code;
    }

    /**
     * Queues a key press of {@code duration} (clamped to 40 ms-5 s, rounded up to 20 ms).
     *
     * @return false if the queue is full
     * @throws IllegalArgumentException if {@code digit} is not one of 0-9 * # A-D
     */
    public boolean enqueue(char digit, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        int code = eventCode(digit);
        long millis = Math.clamp(duration.toMillis(), MIN_DURATION.toMillis(), MAX_DURATION.toMillis());
        return queue.offer(new Press(code, (int) ((millis + TICK_MILLIS - 1) / TICK_MILLIS)));
    }

    /**
     * Clock thread, once per tick: decides whether this tick carries an event packet.
     *
     * @param audioTimestamp the RTP timestamp an audio packet would carry in this tick; the
     *                       first packet of an event takes it as the event's timestamp
     * @return true if an event packet is due: read {@link #marker()}, {@link #eventTimestamp()}
     *         and {@link #writePayload}; false to send audio
     */
    public boolean tick(int audioTimestamp) {
        if (current == null) {
            if (gapLeft > 0) {
                gapLeft--;
                return false;
            }
            current = queue.poll();
            if (current == null) {
                return false;
            }
            tickInEvent = 0;
            event = current.event;
            eventTimestamp = audioTimestamp;
        }
        tickInEvent++;
        marker = tickInEvent == 1;
        end = tickInEvent > current.ticks;
        duration = Math.min(tickInEvent, current.ticks) * samplesPerTick;
        if (tickInEvent == current.ticks + END_PACKETS) {
            current = null;
            gapLeft = gapTicks;
            digitsSent++;
        }
        return true;
    }

    /** Whether a digit is being sent, is queued, or the gap after one is still running. */
    public boolean isBusy() {
        return current != null || gapLeft > 0 || !queue.isEmpty();
    }

    public boolean marker() {
        return marker;
    }

    public int eventTimestamp() {
        return eventTimestamp;
    }

    /** Writes this tick's 4-byte payload (RFC 4733 §2.3); returns its length. */
    public int writePayload(byte[] out, int off) {
        out[off] = (byte) event;
        out[off + 1] = (byte) ((end ? 0x80 : 0) | VOLUME);
        out[off + 2] = (byte) (duration >>> 8);
        out[off + 3] = (byte) duration;
        return 4;
    }

    /** Digits whose end packets have all been sent. */
    public long digitsSent() {
        return digitsSent;
    }
}
