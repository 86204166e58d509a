/**
 * Filling audio that did not arrive: waveform-repetition packet loss concealment for codecs
 * without a concealment of their own (G.711, G.722), and RFC 3389 comfort noise for the silence
 * a sender with voice activity detection leaves out. Both are per-stream, single-threaded and
 * allocation-free after construction.
 */
package dev.voicebot.rtp.plc;
