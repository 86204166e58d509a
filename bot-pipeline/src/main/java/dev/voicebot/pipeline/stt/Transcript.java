package dev.voicebot.pipeline.stt;

/** Recognized text; {@code isFinal} marks the end of an utterance. */
public record Transcript(String text, boolean isFinal) {

  public static final Transcript EMPTY_PARTIAL = new Transcript("", false);

  public Transcript {
    text = text == null ? "" : text.strip();
  }

  public boolean isEmpty() {
    return text.isEmpty();
  }
}
