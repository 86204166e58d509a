/**
 * In-band DTMF as RFC 4733 telephone-event packets: turning the start / update / triple-end
 * packet sequence of each key press into exactly one reported digit. Events are told apart by
 * RTP timestamp, not the marker bit, because carriers drop markers (LiveKit SIP #585).
 */
package dev.voicebot.rtp.dtmf;
