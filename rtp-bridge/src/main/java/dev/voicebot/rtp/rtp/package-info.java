/**
 * The RTP wire format (RFC 3550): parsing received datagrams into header fields and payload
 * bounds without copying, and writing the fixed header of packets we send. Malformed input is
 * reported as a {@link dev.voicebot.rtp.rtp.RtpPacket.Status}, never thrown, so one bad datagram
 * cannot stop a receive loop.
 */
package dev.voicebot.rtp.rtp;
