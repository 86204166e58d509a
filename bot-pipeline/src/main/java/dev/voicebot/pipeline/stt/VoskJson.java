package dev.voicebot.pipeline.stt;

/**
 * Just enough JSON for Vosk: reading one top-level string field of its small result objects and
 * quoting grammar phrases. The module deliberately has no JSON library.
 */
final class VoskJson {

  private VoskJson() {}

  /**
   * The value of the top-level string field {@code name} of a JSON object, or "" if the field is
   * absent or not a string.
   *
   * @throws IllegalArgumentException if the text is not a well-formed JSON object
   */
  static String stringField(String json, String name) {
    Reader r = new Reader(json);
    r.skipWhitespace();
    r.expect('{');
    r.skipWhitespace();
    if (r.peek() == '}') {
      return "";
    }
    while (true) {
      r.skipWhitespace();
      String key = r.string();
      r.skipWhitespace();
      r.expect(':');
      r.skipWhitespace();
      if (key.equals(name) && r.peek() == '"') {
        return r.string();
      }
      r.skipValue();
      r.skipWhitespace();
      if (r.peek() == ',') {
        r.next();
      } else {
        r.expect('}');
        return "";
      }
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    char peek() {
      if (at >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(at);
    }

    char next() {
      char c = peek();
      at++;
      return c;
    }

    void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    void skipWhitespace() {
      while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
        at++;
      }
    }

    String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > s.length()) {
              throw error("short \\u escape");
            }
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e); // \" \\ \/
        }
      }
    }

    /** Skips any value: string, number, literal, array or object. */
    void skipValue() {
      char c = peek();
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        next();
        skipWhitespace();
        if (peek() == close) {
          next();
          return;
        }
        while (true) {
          skipWhitespace();
          if (close == '}') {
            string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
          }
          skipValue();
          skipWhitespace();
          char sep = next();
          if (sep == close) {
            return;
          }
          if (sep != ',') {
            throw error("expected ',' or '" + close + "'");
          }
        }
      } else {
        int start = at;
        while (at < s.length() && ",}] \t\r\n".indexOf(s.charAt(at)) < 0) {
          at++;
        }
        if (at == start) {
          throw error("expected a value");
        }
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at " + at + " in Vosk JSON: " + s);
    }
  }
}
