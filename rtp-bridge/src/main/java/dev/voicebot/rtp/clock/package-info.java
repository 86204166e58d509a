/**
 * The single media clock: one high-priority platform thread that drives every call's 20 ms
 * receive and send work on absolute deadlines, so timing does not drift and there are no
 * per-call timers.
 */
package dev.voicebot.rtp.clock;
