/**
 * Text to speech: turns the bot's sentences into 16 kHz audio for playout. The default engine is
 * Festival with the HTS voice {@code cmu_us_slt_arctic_hts}, run as a supervised local server
 * ({@link dev.voicebot.pipeline.tts.FestivalServer}) so the voice is loaded once, and called over
 * its socket protocol ({@link dev.voicebot.pipeline.tts.FestivalSynthesizer}). Optionally, an
 * OpenAI-compatible {@code /v1/audio/speech} server ({@link dev.voicebot.pipeline.tts.OpenAiSpeechSynthesizer}).
 */
package dev.voicebot.pipeline.tts;
