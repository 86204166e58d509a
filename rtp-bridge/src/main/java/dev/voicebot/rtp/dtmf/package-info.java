/**
 * In-band DTMF as RFC 4733 telephone-event packets, both ways. Receiving turns the start /
 * update / triple-end packet sequence of each key press into exactly one reported digit; events
 * are told apart by RTP timestamp, not the marker bit, because carriers drop markers (LiveKit SIP
 * #585). Sending produces that same sequence, one packet per media clock tick, in the session's
 * own SSRC and sequence space.
 */
package dev.voicebot.rtp.dtmf;
