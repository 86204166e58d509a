package dev.voicebot.pipeline.tts;

/** The synthesizer could not produce audio for a text (process down, protocol error, timeout). */
public class SynthesisException extends Exception {

  public SynthesisException(String message) {
    super(message);
  }

  public SynthesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
