package dev.voicebot.rtp.dtmf;

/**
 * Decodes RFC 4733 telephone-event payloads into digits.
 *
 * <p>All packets of one key press share the RTP timestamp of its start. The digit is reported on
 * the first packet with the end bit; the usual two retransmissions of the end packet carry the
 * same timestamp and are ignored. If every end packet of an event was lost, the digit is reported
 * when the next event (a new timestamp) begins. Only events 0-15 (the DTMF keys) are reported.
 *
 * <p>Not thread-safe: call from the receive thread only.
 */
public final class Rfc4733Receiver {

    private static final char NONE = 0;
    private static final char[] DIGITS = "0123456789*#ABCD".toCharArray();

    private final DtmfListener listener;

    private boolean inEvent;
    private int eventSsrc;
    private int eventTimestamp;
    private char eventDigit;
    private boolean reported;

    public Rfc4733Receiver(DtmfListener listener) {
        this.listener = listener;
    }

    /**
     * Processes one telephone-event payload. Returns {@code false} if it is too short to be one
     * (the caller counts it as malformed); the listener is called on this thread.
     */
    public boolean receive(int ssrc, int timestamp, byte[] payload, int off, int len) {
        if (len < 4) {
            return false;
        }
        int event = payload[off] & 0xFF;
        boolean end = (payload[off + 1] & 0x80) != 0;
        boolean sameStream = inEvent && ssrc == eventSsrc;
        if (!sameStream || timestamp != eventTimestamp) {
            if (sameStream && timestamp - eventTimestamp < 0) {
                return true; // a straggler from an event we have already moved past
            }
            if (inEvent && !reported) {
                report(eventDigit); // its end packets never came
            }
            inEvent = true;
            eventSsrc = ssrc;
            eventTimestamp = timestamp;
            eventDigit = event < DIGITS.length ? DIGITS[event] : NONE;
            reported = false;
        }
        if (end && !reported) {
            report(eventDigit);
        }
        return true;
    }

    private void report(char digit) {
        reported = true;
        if (digit != NONE) {
            listener.onDigit(digit);
        }
    }
}
