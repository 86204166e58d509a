/**
 * RTP media for one call at a time, per session: an even UDP port, a receive path (RTP parse →
 * RFC 4733 digits or jitter buffer → decode → 8 → 16 kHz → 20 ms frames to a
 * {@link dev.voicebot.rtp.MediaListener}) and a paced send path (16 kHz playout queue → 16 → 8 kHz
 * → encode → RTP every media clock tick). Knows nothing of SIP: the app hands it the negotiated
 * remote address and payload types.
 *
 * <p>Threads: each session receives on its own virtual thread; all timed work (jitter buffer
 * playout, inbound frames, outbound packets) runs on the shared
 * {@link dev.voicebot.rtp.clock.MediaClock} thread. The two meet only in a lock-free
 * single-producer queue, so neither ever blocks the other.
 */
package dev.voicebot.rtp;
