package dev.voicebot.pipeline.tts;

/** Text to speech. Implementations are thread-safe; a call blocks until the whole sentence is synthesized. */
public interface SpeechSynthesizer extends AutoCloseable {

  /** Synthesizes one sentence to 16 kHz mono 16-bit PCM. */
  short[] synthesize(String text) throws SynthesisException;

  @Override
  void close();
}
