package dev.voicebot.pipeline.vad;

/** A voice activity detector model shared by all calls; each call opens its own stateful stream. */
public interface VoiceActivityDetector extends AutoCloseable {

  /** Opens a per-call stream; the stream keeps the model's recurrent state between frames. */
  VadStream openStream();

  @Override
  void close();
}
