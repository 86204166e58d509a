/** Benchmarks (not tests): latency figures measured at the caller's side from packet captures. */
package dev.voicebot.app.bench;
