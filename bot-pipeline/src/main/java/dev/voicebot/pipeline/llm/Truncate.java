package dev.voicebot.pipeline.llm;

/** Bounds provider text (error bodies, webhook results) before it reaches logs or the model. */
final class Truncate {

  private Truncate() {}

  static String to(int max, String text) {
    String t = text.strip();
    return t.length() <= max ? t : t.substring(0, max) + "…";
  }
}
