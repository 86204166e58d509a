/**
 * Call recordings: stereo WAV files (caller left, bot right) of what was on the wire, written
 * while the call runs without ever making the media clock wait for the disk.
 */
package dev.voicebot.app.recordings;
