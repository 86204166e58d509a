package dev.voicebot.rtp.aec;

/**
 * Whether and how strongly the caller's audio is denoised, independently of echo cancellation.
 *
 * @param enabled         false: the caller's audio is not denoised
 * @param maxAttenuationDb the most noise is attenuated, negative dB (speex default -15)
 */
public record NoiseSuppression(boolean enabled, int maxAttenuationDb) {

    /** Off: the library's default, so that a session delivers what it decoded unless asked. */
    public static final NoiseSuppression OFF = new NoiseSuppression(false, -15);

    /** On at speex's default strength. */
    public static final NoiseSuppression ON = new NoiseSuppression(true, -15);

    public NoiseSuppression {
        if (maxAttenuationDb > 0) {
            throw new IllegalArgumentException("noise attenuation is negative dB: " + maxAttenuationDb);
        }
    }
}
