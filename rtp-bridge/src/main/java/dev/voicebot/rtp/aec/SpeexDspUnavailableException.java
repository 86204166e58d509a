package dev.voicebot.rtp.aec;

/** libspeexdsp could not be loaded or lacks a function we bind. */
public final class SpeexDspUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    SpeexDspUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
