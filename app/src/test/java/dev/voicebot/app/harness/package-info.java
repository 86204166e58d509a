/**
 * The test and benchmark harness: makes caller audio, writes it as RTP pcaps for SIPp, runs SIPp,
 * baresip and tcpdump as real processes on loopback, and decodes and transcribes what the bot sent.
 */
package dev.voicebot.app.harness;
