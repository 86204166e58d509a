package dev.voicebot.rtp;

import dev.voicebot.rtp.rtp.RtpPacket;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * Builds our outbound RTP stream in one reused buffer: a random SSRC and random initial sequence
 * number and timestamp (RFC 3550 §5.1), sequence +1 and timestamp +samples per packet, with no
 * jumps across silence because silence is sent too.
 */
final class RtpPacketizer {

    private int payloadType;
    private int samplesPerPacket;
    private final int ssrc;
    private final byte[] packet;
    private final ByteBuffer view;
    private int sequence;
    private int timestamp;

    RtpPacketizer(int payloadType, int samplesPerPacket, int maxPayload, RandomGenerator random) {
        this.payloadType = payloadType;
        this.samplesPerPacket = samplesPerPacket;
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
        this.packet = new byte[RtpPacket.FIXED_HEADER_LENGTH + maxPayload];
        this.view = ByteBuffer.wrap(packet);
    }

    /** Where the caller writes the payload before {@link #seal}. */
    byte[] buffer() {
        return packet;
    }

    int payloadOffset() {
        return RtpPacket.FIXED_HEADER_LENGTH;
    }

    /** Writes the header for the payload now in the buffer and advances sequence and timestamp. */
    ByteBuffer seal(int payloadLength, boolean marker) {
        RtpPacket.writeHeader(packet, 0, marker, payloadType, sequence, timestamp, ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += samplesPerPacket;
        view.clear().limit(RtpPacket.FIXED_HEADER_LENGTH + payloadLength);
        return view;
    }

    /**
     * Writes the header for a packet of another payload type with its own timestamp (an RFC 4733
     * event) in the same sequence space. The audio timestamp still advances by one packet, since
     * the tick's time passes whatever is sent in it.
     */
    ByteBuffer sealOther(int otherPayloadType, int otherTimestamp, int payloadLength, boolean marker) {
        RtpPacket.writeHeader(packet, 0, marker, otherPayloadType, sequence, otherTimestamp, ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += samplesPerPacket;
        view.clear().limit(RtpPacket.FIXED_HEADER_LENGTH + payloadLength);
        return view;
    }

    /**
     * Sends another codec from the next packet on (a mid-call re-negotiation). Sequence numbers
     * and the SSRC run on, so the peer sees one stream whose payload type changes; the timestamp
     * runs on too and from now on advances in the new codec's clock units.
     */
    void switchFormat(int newPayloadType, int newSamplesPerPacket) {
        payloadType = newPayloadType;
        samplesPerPacket = newSamplesPerPacket;
    }

    /** The timestamp the next audio packet will carry. */
    int timestamp() {
        return timestamp;
    }

    int ssrc() {
        return ssrc;
    }
}
