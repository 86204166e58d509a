/**
 * Narrowband telephony codecs: the payload formats the bridge can negotiate and G.711 µ-law / A-law
 * conversion between 16-bit linear PCM and 8-bit code words. Codecs here are stateless and
 * allocation-free so one instance can serve every call on the media clock thread.
 */
package dev.voicebot.rtp.codec;
