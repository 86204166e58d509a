package dev.voicebot.rtp.codec;

import java.util.Objects;

/**
 * An RTP payload format as negotiated in SDP ({@code a=rtpmap:<payloadType> <encodingName>/<clockRate>}).
 *
 * @param payloadType   RTP payload type, 0..127
 * @param encodingName  encoding name as in the rtpmap, e.g. {@code PCMU}
 * @param clockRate     RTP clock rate in Hz
 */
public record PayloadFormat(int payloadType, String encodingName, int clockRate) {

    public static final PayloadFormat PCMU = new PayloadFormat(0, "PCMU", 8000);
    public static final PayloadFormat PCMA = new PayloadFormat(8, "PCMA", 8000);
    /** 16 kHz audio, but an 8000 Hz RTP clock: RFC 3551 kept the value of an early erratum. */
    public static final PayloadFormat G722 = new PayloadFormat(9, "G722", 8000);
    /** Payload type 111 is only the usual dynamic choice; the SDP decides. Always a 48 kHz clock (RFC 7587). */
    public static final PayloadFormat OPUS = new PayloadFormat(111, "opus", 48000);

    public PayloadFormat {
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
    }
}
