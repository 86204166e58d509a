package dev.voicebot.rtp;

import dev.voicebot.rtp.codec.PayloadFormat;
import java.util.Objects;

/**
 * What SDP negotiated for one session: the audio codec on its payload type, and the payload types
 * of RFC 4733 telephone-events and RFC 3389 comfort noise (−1 for none).
 */
record SessionFormats(PayloadFormat audio, int telephoneEvent, int comfortNoise) {

    SessionFormats {
        Objects.requireNonNull(audio, "audio");
        if (telephoneEvent == audio.payloadType() || telephoneEvent < -1 || telephoneEvent > 127) {
            throw new IllegalArgumentException("bad telephone-event payload type: " + telephoneEvent);
        }
        if (comfortNoise == audio.payloadType() || comfortNoise < -1 || comfortNoise > 127
                || comfortNoise != -1 && comfortNoise == telephoneEvent) {
            throw new IllegalArgumentException("bad comfort noise payload type: " + comfortNoise);
        }
    }

    /** Audio or comfort noise: what goes to the jitter buffer. */
    boolean isAudio(int payloadType) {
        return payloadType == audio.payloadType() || payloadType == comfortNoise;
    }

    boolean isEvent(int payloadType) {
        return payloadType == telephoneEvent;
    }
}
