/**
 * Streaming speech-to-text: turns the caller's 16 kHz audio into partial and final transcripts,
 * optionally constrained to the phrases the current dialog state expects (a grammar), which makes
 * short answers such as digits and yes/no far more accurate. The default implementation is Vosk
 * (Kaldi) with the small en-us model.
 */
package dev.voicebot.pipeline.stt;
