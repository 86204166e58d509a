/**
 * Inbound timing: turns packets that arrive late, early, twice or never into a steady stream of
 * decoded samples on the media clock. The buffer is keyed by RTP timestamp (converted to the
 * codec's sample rate) rather than sequence number so any packetisation interval (20 ms, SIPp's
 * 30 ms) and silence suppression work alike; it decodes in timeline order at playout so stateful
 * decoders and Opus FEC work, conceals loss inside talkspurts, and keeps state for one SSRC at a
 * time so a PBX re-bridge starts a fresh timeline instead of looking "old" (LiveKit SIP #828).
 */
package dev.voicebot.rtp.jitter;
