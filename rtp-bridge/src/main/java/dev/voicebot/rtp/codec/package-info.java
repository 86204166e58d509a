/**
 * Audio codecs and the payload formats the bridge can negotiate: G.711 µ-law / A-law (stateless
 * tables, one shared instance), G.722 (hand-written SB-ADPCM, 16 kHz on an 8000 Hz RTP clock) and
 * Opus (Concentus, decoded and encoded at 16 kHz on a 48000 Hz RTP clock, with its own loss
 * concealment). Stateful codecs are one instance per call, used by the media clock thread only.
 */
package dev.voicebot.rtp.codec;
