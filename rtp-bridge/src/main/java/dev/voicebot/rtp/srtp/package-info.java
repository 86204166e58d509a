/**
 * SRTP and SRTCP (RFC 3711) for calls keyed by SDES (RFC 4568): the app hands a session the
 * {@link dev.voicebot.rtp.srtp.SrtpKeys} negotiated in SIP and every RTP and RTCP packet is
 * protected on its way out and authenticated, replay-checked and decrypted on its way in.
 *
 * <p>The cryptography is jitsi-srtp's (AES counter mode, HMAC-SHA1, key derivation, replay
 * window); this package only adapts our byte arrays to it and keeps one crypto context per
 * direction and SSRC. Keys never appear in logs or {@code toString()}.
 */
package dev.voicebot.rtp.srtp;
