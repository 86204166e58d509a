package dev.voicebot.rtp.codec;

import java.util.Locale;

/** Looks up the codec implementation for a negotiated payload format. */
public final class AudioCodecs {

    private AudioCodecs() {
    }

    /**
     * Returns a codec for {@code format}, matched by encoding name (case-insensitive) and clock
     * rate; the payload type is whatever the SDP negotiated and is kept in the codec's format.
     * G.711 codecs are stateless and shared; G.722 and Opus are new instances, one per call.
     *
     * @throws IllegalArgumentException if the format is not supported
     */
    public static AudioCodec forFormat(PayloadFormat format) {
        String name = format.encodingName().toUpperCase(Locale.ROOT);
        int clock = format.clockRate();
        switch (name) {
            case "PCMU" -> {
                if (clock == 8000) {
                    return format.payloadType() == PayloadFormat.PCMU.payloadType()
                            ? G711Codec.PCMU : new G711Codec(format, G711.Law.ULAW);
                }
            }
            case "PCMA" -> {
                if (clock == 8000) {
                    return format.payloadType() == PayloadFormat.PCMA.payloadType()
                            ? G711Codec.PCMA : new G711Codec(format, G711.Law.ALAW);
                }
            }
            case "G722" -> {
                if (clock == 8000) { // RFC 3551: 8000 although the audio is 16 kHz
                    return new G722Codec(format);
                }
            }
            case "OPUS" -> {
                if (clock == 48000) {
                    return new OpusCodec(format, OpusCodec.DEFAULT_PACKET_LOSS_PERCENT);
                }
            }
            default -> {
            }
        }
        throw new IllegalArgumentException("unsupported payload format: " + format);
    }
}
