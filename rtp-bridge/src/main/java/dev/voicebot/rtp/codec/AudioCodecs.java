package dev.voicebot.rtp.codec;

import java.util.Locale;

/** Looks up the codec implementation for a negotiated payload format. */
public final class AudioCodecs {

    private AudioCodecs() {
    }

    /**
     * Returns the codec for {@code format}, matched by encoding name and clock rate (payload type
     * numbers are a per-call SDP detail, names are not).
     *
     * @throws IllegalArgumentException if the format is not supported
     */
    public static AudioCodec forFormat(PayloadFormat format) {
        if (format.clockRate() == 8000) {
            switch (format.encodingName().toUpperCase(Locale.ROOT)) {
                case "PCMU" -> {
                    return PcmuCodec.INSTANCE;
                }
                case "PCMA" -> {
                    return PcmaCodec.INSTANCE;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unsupported payload format: " + format);
    }
}
