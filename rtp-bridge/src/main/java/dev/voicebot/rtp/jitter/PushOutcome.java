package dev.voicebot.rtp.jitter;

/** What the jitter buffer did with a pushed packet. */
public enum PushOutcome {
    /** Stored for playout (possibly after a reset to a new stream). */
    ACCEPTED,
    /** Its audio is already buffered. */
    DUPLICATE,
    /** Its playout time has passed (or was already concealed). */
    LATE,
    /** No samples in it. */
    EMPTY,
    /** The codec cannot decode it; counted in {@link JitterBuffer#undecodable()}. */
    MALFORMED
}
