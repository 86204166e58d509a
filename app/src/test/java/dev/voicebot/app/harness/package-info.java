/**
 * The test and benchmark harness: makes caller audio, writes it as RTP pcaps for SIPp, runs SIPp,
 * baresip and tcpdump as real processes on loopback, decodes and transcribes what the bot sent, and
 * drives the system's headless Chromium at the console.
 */
package dev.voicebot.app.harness;
