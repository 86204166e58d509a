package dev.voicebot.pipeline.tts;

import java.text.Normalizer;

/**
 * Turns arbitrary text into a Scheme string literal Festival will speak and never evaluate. The
 * text can come from an LLM or a caller, so it is untrusted.
 *
 * <p>Festival's reader reads 8-bit text and only knows English letters, so the text is reduced to
 * printable ASCII first: typographic punctuation to its ASCII form, accents dropped, anything else
 * (control characters included) to a space. Inside the literal only {@code \} and {@code "} are
 * special to SIOD's reader, and both are escaped, so the literal always ends where we end it.
 */
final class SchemeText {

  private SchemeText() {}

  /** The speakable ASCII form of {@code text}, whitespace collapsed; may be empty. */
  static String speakable(String text) {
    String s =
        text.replace('\u2018', '\'')
            .replace('\u2019', '\'')
            .replace('\u201C', '"')
            .replace('\u201D', '"')
            .replace('\u2013', '-')
            .replace('\u2014', '-')
            .replace("\u2026", "...");
    s = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue; // the accent of an NFKD-decomposed letter
      }
      if (c > ' ' && c < 0x7F) {
        out.append(c);
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    return out.toString().strip();
  }

  /** {@code speakable} text as a quoted Scheme string literal. */
  static String literal(String speakable) {
    StringBuilder out = new StringBuilder(speakable.length() + 8).append('"');
    for (int i = 0; i < speakable.length(); i++) {
      char c = speakable.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
