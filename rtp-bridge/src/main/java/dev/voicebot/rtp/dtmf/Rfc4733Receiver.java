package dev.voicebot.rtp.dtmf;

/**
 * Decodes RFC 4733 telephone-event payloads into digits.
 *
 * <p>All packets of one key press share the RTP timestamp of its start. The digit is reported on
 * the first packet with the end bit; the usual two retransmissions of the end packet carry the
 * same timestamp and are ignored. If every end packet of an event was lost, the digit is reported
 * when the next event (a new timestamp or key) begins. Only events 0-15 (the DTMF keys) are
 * reported.
 *
 * <p>Timestamps are not assumed to grow from one key press to the next: a sender that replays
 * recorded events (SIPp's DTMF pcaps all share one SSRC, each with its own fixed timestamp) may
 * go backwards. So an event is identified by SSRC, timestamp and key, and a packet of the event
 * just finished is taken for a straggler only when it is an end packet; a new press of the same
 * key starts with packets that are not.
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
    private int eventCode;
    private char eventDigit;
    private boolean reported;

    private boolean hasPrevious;
    private int previousSsrc;
    private int previousTimestamp;
    private int previousCode;

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
        boolean sameEvent = inEvent && ssrc == eventSsrc && timestamp == eventTimestamp && event == eventCode;
        if (!sameEvent) {
            if (end && isPrevious(ssrc, timestamp, event)) {
                return true; // a late end packet of an event we have already moved past
            }
            if (inEvent && !reported) {
                report(eventDigit); // its end packets never came
            }
            if (inEvent) {
                previousSsrc = eventSsrc;
                previousTimestamp = eventTimestamp;
                previousCode = eventCode;
                hasPrevious = true;
            }
            inEvent = true;
            eventSsrc = ssrc;
            eventTimestamp = timestamp;
            eventCode = event;
            eventDigit = event < DIGITS.length ? DIGITS[event] : NONE;
            reported = false;
        }
        if (end && !reported) {
            report(eventDigit);
        }
        return true;
    }

    private boolean isPrevious(int ssrc, int timestamp, int event) {
        return hasPrevious && ssrc == previousSsrc && timestamp == previousTimestamp && event == previousCode;
    }

    private void report(char digit) {
        reported = true;
        if (digit != NONE) {
            listener.onDigit(digit);
        }
    }
}
