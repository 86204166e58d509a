package dev.voicebot.rtp.aec;

/** What the echo canceller has found out about whether the caller's line returns the bot's audio. */
public enum LineEchoState {
    /** Not known yet: the bot has not been audible long enough, or nothing measures it. */
    UNKNOWN,
    /** The bot has been audible for longer than any echo delay and nothing of it came back. */
    ABSENT,
    /** The bot's audio comes back: the canceller is engaged. */
    PRESENT
}
