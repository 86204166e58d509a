package dev.voicebot.pipeline.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Recursive-descent parser behind {@link Json#parse}; one instance per document. */
final class JsonParser {

  /** Deeper nesting is rejected: provider input must not be able to overflow the stack. */
  private static final int MAX_DEPTH = 64;
  private static final int EXCERPT_CHARS = 200;
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final String s;
  private int at;

  JsonParser(String s) {
    this.s = s;
  }

  static boolean isNumber(String literal) {
    return NUMBER.matcher(literal).matches();
  }

  Json document() {
    skipWhitespace();
    Json value = value(0);
    skipWhitespace();
    if (at != s.length()) {
      throw error("trailing characters");
    }
    return value;
  }

  private Json value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    char c = peek();
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> new Json.Str(string());
      case 't' -> literal("true", new Json.Bool(true));
      case 'f' -> literal("false", new Json.Bool(false));
      case 'n' -> literal("null", Json.Null.NULL);
      default -> number();
    };
  }

  private Json object(int depth) {
    expect('{');
    Map<String, Json> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      at++;
      return new Json.Obj(members);
    }
    while (true) {
      skipWhitespace();
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.put(key, value(depth + 1));
      skipWhitespace();
      char sep = next();
      if (sep == '}') {
        return new Json.Obj(members);
      }
      if (sep != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Json array(int depth) {
    expect('[');
    List<Json> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      at++;
      return new Json.Arr(items);
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth + 1));
      skipWhitespace();
      char sep = next();
      if (sep == ']') {
        return new Json.Arr(items);
      }
      if (sep != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private Json literal(String word, Json value) {
    if (!s.startsWith(word, at)) {
      throw error("expected a value");
    }
    at += word.length();
    return value;
  }

  private Json number() {
    int start = at;
    while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
      at++;
    }
    String literal = s.substring(start, at);
    if (!isNumber(literal)) {
      at = start;
      throw error("expected a value");
    }
    return new Json.Num(literal);
  }

  private String string() {
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
        case '"', '\\', '/' -> out.append(e);
        case 'u' -> {
          if (at + 4 > s.length()) {
            throw error("short \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          at += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private char peek() {
    if (at >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      at--;
      throw error("expected '" + c + "'");
    }
  }

  private void skipWhitespace() {
    while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
      at++;
    }
  }

  private IllegalArgumentException error(String what) {
    String excerpt = s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS) + "…";
    return new IllegalArgumentException(what + " at " + at + " in JSON: " + excerpt);
  }
}
