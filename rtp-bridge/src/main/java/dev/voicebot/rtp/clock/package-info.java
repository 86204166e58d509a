/**
 * The media clock: one time base that drives every call's 20 ms receive and send work on
 * absolute deadlines, so timing does not drift and there are no per-call timers. Its work is
 * spread over a high-priority platform thread per core (lanes); each call stays on one lane.
 */
package dev.voicebot.rtp.clock;
