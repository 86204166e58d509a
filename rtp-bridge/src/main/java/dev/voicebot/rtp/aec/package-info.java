/**
 * Echo cancellation and noise suppression of the caller's audio, per call, on 16 kHz 20 ms frames.
 *
 * <p>The far-end reference is exactly what the session sent (tapped on the media clock's send
 * path), so the canceller never needs a guess of what the caller heard. The work is done by
 * speexdsp's echo canceller and preprocessor through the FFM API: measured at 16-20 dB ERLE alone
 * and 25-31 dB with the preprocessor's residual echo suppression, at tens of microseconds per
 * frame, which fits on the media clock thread. The canceller engages per call only once the line
 * is found to echo ({@code EchoPresence}); noise suppression is a stage of
 * its own ({@link dev.voicebot.rtp.aec.NoiseSuppressor}). The echo's delay includes our own
 * jitter buffer, which moves it by a frame when it grows or drops one: the session passes each
 * move on ({@code EchoCanceller.playoutShifted}) so the learned filter moves with the echo
 * instead of relearning it seconds later.
 */
package dev.voicebot.rtp.aec;
