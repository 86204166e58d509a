/**
 * JMH benchmarks of what one 20 ms frame costs in each media stage: G.711, G.722 and Opus encode
 * and decode, 8/16 kHz resampling, the jitter buffer and speexdsp echo cancellation. Run by
 * {@code scripts/bench-dsp.sh}; results in {@code docs/benchmarks/dsp.md}.
 */
package dev.voicebot.bench.dsp;
