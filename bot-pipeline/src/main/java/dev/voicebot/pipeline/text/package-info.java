/**
 * Text shaping for speech: {@link dev.voicebot.pipeline.text.SentenceChunker} cuts text, whole or
 * as it streams from a language model, into units worth synthesizing on their own; {@link
 * dev.voicebot.pipeline.text.Truncate} bounds untrusted text before it reaches logs or a model.
 */
package dev.voicebot.pipeline.text;
