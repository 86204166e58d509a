package dev.voicebot.rtp;

import dev.voicebot.rtp.aec.EchoConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-session media processing choices.
 *
 * @param echo         echo cancellation and noise suppression of the caller's audio
 * @param rtcpInterval mean time between our RTCP reports (RFC 3550 suggests 5 s); each is
 *                     randomised to 0.5-1.5x
 * @param dtmfGap      pause between queued RFC 4733 digits, 60-100 ms recommended
 */
public record MediaOptions(EchoConfig echo, Duration rtcpInterval, Duration dtmfGap) {

    /** Echo cancellation with the preprocessor on, RTCP every ~5 s, 80 ms between digits. */
    public static final MediaOptions DEFAULTS = new MediaOptions(EchoConfig.DEFAULT, Duration.ofSeconds(5),
            Duration.ofMillis(80));

    public MediaOptions {
        Objects.requireNonNull(echo, "echo");
        if (rtcpInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("RTCP interval too short: " + rtcpInterval);
        }
        if (dtmfGap.isNegative() || dtmfGap.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("DTMF gap must be 0-1 s: " + dtmfGap);
        }
    }

    public MediaOptions withEcho(EchoConfig config) {
        return new MediaOptions(config, rtcpInterval, dtmfGap);
    }

    public MediaOptions withRtcpInterval(Duration interval) {
        return new MediaOptions(echo, interval, dtmfGap);
    }
}
