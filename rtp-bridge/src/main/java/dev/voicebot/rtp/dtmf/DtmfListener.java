package dev.voicebot.rtp.dtmf;

/** Receives each detected key press once. */
@FunctionalInterface
public interface DtmfListener {

    /** @param digit one of {@code 0-9 * # A B C D} */
    void onDigit(char digit);
}
