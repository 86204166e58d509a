package dev.voicebot.rtp;

import dev.voicebot.rtp.aec.LineEchoState;

/**
 * Receives a session's media events. Every callback runs on a media thread shared with other
 * work and must return quickly without blocking: hand the data to a queue or an actor.
 */
public interface MediaListener {

    /**
     * One 20 ms frame of caller audio: 320 samples of 16 kHz mono PCM with the echo of our own
     * audio cancelled and noise suppressed (unless switched off in {@link MediaOptions}), every media clock tick
     * once the first packet has arrived (silence during gaps, so downstream timers keep running).
     * The array is reused after the call returns: copy what you keep. Called on the media clock
     * thread.
     */
    void onAudioFrame(short[] pcm16k);

    /**
     * The same frame as {@link #onAudioFrame} before echo cancellation and noise suppression, as
     * received (for recordings and diagnostics); called just before it, on the media clock thread.
     * The array is reused after the call returns.
     */
    default void onRawAudioFrame(short[] pcm16k) {
    }

    /**
     * The 20 ms of our own audio this tick put on the wire: 320 samples of 16 kHz mono PCM as
     * encoded (speech, or silence while idle or while a DTMF digit replaces the audio), once per
     * media clock tick while sending (not while {@link RtpSession#setSending} has it stopped), just
     * after that tick's {@link #onRawAudioFrame}. For recordings: the bot's side of the call as the
     * caller got it, frame-aligned with the caller's side. The array is reused after the call
     * returns. Called on the media clock thread.
     */
    default void onSentAudioFrame(short[] pcm16k) {
    }

    /**
     * The echo canceller changed its mind about whether the line returns our audio (it starts
     * {@link LineEchoState#UNKNOWN}). Called on the media clock thread.
     */
    default void onLineEcho(LineEchoState state) {
    }

    /** A DTMF key press (RFC 4733), reported once. Called on the session's receive thread. */
    void onDtmf(char digit);

    /** The first packet of a talkspurt has been sent. Called on the media clock thread. */
    void onPlayoutStarted();

    /**
     * Playout stopped: the queue ran dry after playing, or {@link RtpSession#clearPlayout()}
     * discarded it. Called on the media clock thread.
     */
    void onPlayoutDrained();
}
