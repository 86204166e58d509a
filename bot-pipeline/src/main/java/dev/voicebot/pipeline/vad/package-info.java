/**
 * Voice activity detection: tells the conversation, window by window, how likely the caller is
 * speaking, so it can detect speech onset (barge-in) and end of speech (endpointing). The default
 * implementation is Silero VAD v5 run through ONNX Runtime.
 */
package dev.voicebot.pipeline.vad;
