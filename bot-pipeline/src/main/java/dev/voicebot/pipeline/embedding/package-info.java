/**
 * Sentence embeddings: a small BERT encoder (all-MiniLM-L6-v2) on ONNX Runtime with its own
 * WordPiece tokenizer, so the scripted brain can tell that "what time do you shut" means the same
 * as "what time do you close". Offline, a few milliseconds per sentence.
 */
package dev.voicebot.pipeline.embedding;
