/**
 * RTP media for one call at a time, per session: an even UDP port (RTCP on the odd one above), a
 * receive path (RTP parse → RFC 4733 digits or jitter buffer → decode → 8 → 16 kHz → echo
 * cancellation → 20 ms frames to a {@link dev.voicebot.rtp.MediaListener}) and a paced send path
 * (16 kHz playout queue → far-end tap for the echo canceller → 16 → 8 kHz → encode → RTP every
 * media clock tick, or an RFC 4733 event packet in its place). Knows nothing of SIP: the app hands it the negotiated
 * remote address and payload types.
 *
 * <p>Threads: each session receives on its own virtual thread; all timed work (jitter buffer
 * playout, inbound frames, outbound packets) runs on the shared
 * {@link dev.voicebot.rtp.clock.MediaClock} thread. The two meet only in a lock-free
 * single-producer queue, so neither ever blocks the other. RTCP sends and receives on its own
 * virtual threads.
 */
package dev.voicebot.rtp;
