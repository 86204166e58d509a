package dev.voicebot.pipeline.text;

/**
 * Bounds provider or model text (error bodies, webhook results, close reasons) before it reaches
 * logs or the model.
 */
public final class Truncate {

  private Truncate() {}

  public static String to(int max, String text) {
    String t = text.strip();
    return t.length() <= max ? t : t.substring(0, max) + "…";
  }
}
