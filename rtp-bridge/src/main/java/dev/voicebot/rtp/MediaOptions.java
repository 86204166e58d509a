package dev.voicebot.rtp;

import dev.voicebot.rtp.aec.EchoConfig;
import dev.voicebot.rtp.aec.NoiseSuppression;
import dev.voicebot.rtp.jitter.JitterDelay;
import dev.voicebot.rtp.level.AutomaticGain;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-session media processing choices.
 *
 * @param echo         echo cancellation of the caller's audio
 * @param rtcpInterval mean time between our RTCP reports (RFC 3550 suggests 5 s); each is
 *                     randomised to 0.5-1.5x
 * @param dtmfGap      pause between queued RFC 4733 digits, 60-100 ms recommended
 * @param jitter       the range of the inbound jitter buffer's adaptive playout delay
 * @param noise        noise suppression of the caller's audio, after the echo path and
 *                     independent of it
 * @param autoGain     raise a quiet caller's audio (after the echo path and noise suppression)
 *                     to the level the speech models are at ease with ({@link AutomaticGain})
 */
public record MediaOptions(EchoConfig echo, Duration rtcpInterval, Duration dtmfGap, JitterDelay jitter,
        NoiseSuppression noise, boolean autoGain) {

    /**
     * Echo cancellation on (engaged only on lines found to echo), no noise suppression, no
     * automatic gain (the app turns it on), RTCP every ~5 s, 80 ms between digits, a 20-120 ms
     * jitter buffer.
     */
    public static final MediaOptions DEFAULTS = new MediaOptions(EchoConfig.DEFAULT, Duration.ofSeconds(5),
            Duration.ofMillis(80), JitterDelay.DEFAULT, NoiseSuppression.OFF, false);

    public MediaOptions {
        Objects.requireNonNull(echo, "echo");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(noise, "noise");
        if (rtcpInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("RTCP interval too short: " + rtcpInterval);
        }
        if (dtmfGap.isNegative() || dtmfGap.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("DTMF gap must be 0-1 s: " + dtmfGap);
        }
    }

    public MediaOptions withEcho(EchoConfig config) {
        return new MediaOptions(config, rtcpInterval, dtmfGap, jitter, noise, autoGain);
    }

    public MediaOptions withRtcpInterval(Duration interval) {
        return new MediaOptions(echo, interval, dtmfGap, jitter, noise, autoGain);
    }

    public MediaOptions withAutoGain(boolean on) {
        return new MediaOptions(echo, rtcpInterval, dtmfGap, jitter, noise, on);
    }

    public MediaOptions withJitter(JitterDelay delay) {
        return new MediaOptions(echo, rtcpInterval, dtmfGap, delay, noise, autoGain);
    }

    public MediaOptions withNoise(NoiseSuppression suppression) {
        return new MediaOptions(echo, rtcpInterval, dtmfGap, jitter, suppression, autoGain);
    }
}
