package dev.voicebot.rtp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Decides which source a session takes RTP from (symmetric RTP, with a learning run in the manner
 * of Asterisk's {@code strictrtp}). Before the session has latched, a packet from the address and
 * port in the peer's SDP latches at once. A packet from anywhere else — a caller behind NAT, whose
 * SDP names an address it cannot be reached at, or a stranger guessing ports — only starts a
 * learning run: that source latches once {@link #LEARNING_RUN} packets in a row have come from it
 * with one SSRC and consecutive sequence numbers, which a spoofer firing a packet or two into an
 * open port does not produce. The run's packets are held, not dropped, and go on once it is
 * learned, so a NATed caller's first words are not lost. After latching, everything from other
 * sources is rejected; a moved peer ({@link #expect}) re-latches the same way, never to the source
 * it left.
 *
 * <p>Receive thread only.
 */
final class SourceLatch {

    /** Consecutive packets that teach a source that is not the SDP's: 60 ms of 20 ms audio. */
    static final int LEARNING_RUN = 3;

    /** What to do with one packet. */
    enum Verdict {
        /** From the latched source: take it. */
        ACCEPT,
        /** From the SDP's source, which latched with this packet: take it. */
        LATCHED,
        /**
         * From the SDP's source, which latched at once, while a learning run from elsewhere was
         * under way: the packets held for that run are foreign; take this one.
         */
        ACCEPT_DISCARDING,
        /** This packet completed a learning run: take the held packets, then this one. */
        LEARNED,
        /** Part of a learning run: hold it until the run completes. */
        HOLD,
        /** Starts a new learning run: the packets held so far are foreign, hold this one. */
        HOLD_AFRESH,
        /** From another source than the latched one: foreign. */
        REJECT
    }

    private InetSocketAddress expected;
    private SocketAddress latched;
    private SocketAddress abandoned;
    private SocketAddress candidate;
    private int candidateSsrc;
    private int candidateSequence;
    private int run;

    SourceLatch(InetSocketAddress sdpAddress) {
        this.expected = Objects.requireNonNull(sdpAddress, "sdpAddress");
    }

    /**
     * The peer's SDP now names {@code sdpAddress}. A new address latches anew (unless already
     * latched there); the same one again changes nothing, so a NATed peer stays latched.
     */
    void expect(InetSocketAddress sdpAddress) {
        Objects.requireNonNull(sdpAddress, "sdpAddress");
        if (sdpAddress.equals(expected)) {
            return;
        }
        expected = sdpAddress;
        if (latched != null && !latched.equals(sdpAddress)) {
            abandoned = latched;
            latched = null;
        }
        candidate = null;
        run = 0;
    }

    /** Judges a valid RTP packet with a negotiated payload type from {@code from}. */
    Verdict offer(SocketAddress from, int ssrc, int sequence) {
        if (latched != null) {
            return latched.equals(from) ? Verdict.ACCEPT : Verdict.REJECT;
        }
        if (from.equals(abandoned)) {
            return Verdict.REJECT;
        }
        if (from.equals(expected)) {
            boolean discardHeld = run > 0;
            latch(from);
            // Whatever was held came from elsewhere: the caller's own address wins at once.
            return discardHeld ? Verdict.ACCEPT_DISCARDING : Verdict.LATCHED;
        }
        if (run > 0 && from.equals(candidate) && ssrc == candidateSsrc
                && sequence == ((candidateSequence + 1) & 0xFFFF)) {
            candidateSequence = sequence;
            if (++run >= LEARNING_RUN) {
                latch(from);
                return Verdict.LEARNED;
            }
            return Verdict.HOLD;
        }
        boolean restart = run > 0;
        candidate = from;
        candidateSsrc = ssrc;
        candidateSequence = sequence;
        run = 1;
        return restart ? Verdict.HOLD_AFRESH : Verdict.HOLD;
    }

    /** The source packets are taken from, or null before latching. */
    SocketAddress latched() {
        return latched;
    }

    /** Packets held in the current learning run (0 when none is under way). */
    int held() {
        return latched == null ? run : 0;
    }

    private void latch(SocketAddress from) {
        latched = from;
        candidate = null;
        run = 0;
    }
}
