/**
 * Where the calls' speech inference runs and how much it lags: {@link
 * dev.voicebot.pipeline.inference.InferencePool}, a bounded pool of platform threads sized to the
 * cores that runs the work of calls whose caller is waiting for an answer first, and {@link
 * dev.voicebot.pipeline.inference.InferenceLoad}, the live lag figures admission decides on and
 * the counts of everything shed when the CPU cannot keep up.
 */
package dev.voicebot.pipeline.inference;
