/**
 * Just enough JSON for the pipeline: Vosk's result objects and grammars, and the OpenAI-compatible
 * chat protocol (requests, streamed chunks, tool arguments, webhook bodies). {@link
 * dev.voicebot.pipeline.json.Json} is an immutable tree with a parser and a compact writer; the
 * module deliberately depends on no JSON library.
 */
package dev.voicebot.pipeline.json;
