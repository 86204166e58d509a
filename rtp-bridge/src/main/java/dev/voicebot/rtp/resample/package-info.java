/**
 * Sample-rate conversion between the 8 kHz telephone codecs and the 16 kHz the bot pipeline
 * works in. Filters are designed in code (Kaiser-windowed sinc) so their quality is visible
 * and testable, and converters keep their history across 20 ms chunks so frame boundaries are
 * inaudible.
 */
package dev.voicebot.rtp.resample;
