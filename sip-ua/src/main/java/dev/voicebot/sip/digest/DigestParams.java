package dev.voicebot.sip.digest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits {@code Digest k=v, k="quoted, value"} into parameters. Tolerant by design: headers come
 * from the network, so a malformed one yields fewer parameters, never an exception.
 */
final class DigestParams {

  private DigestParams() {}

  /** Lower-case names to unquoted values; the scheme word ("Digest") is skipped. */
  static Map<String, String> parse(String header) {
    Map<String, String> out = new LinkedHashMap<>();
    if (header == null) {
      return out;
    }
    String s = header.strip();
    if (s.regionMatches(true, 0, "Digest", 0, 6) && (s.length() == 6 || s.charAt(6) == ' ')) {
      s = s.substring(6);
    }
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      int nameStart = i;
      while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',') {
        i++;
      }
      String name = s.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
      if (i >= n || s.charAt(i) != '=') {
        continue; // a bare token without value: ignore it
      }
      i++; // '='
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '"') {
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        i++; // closing quote (or end)
      } else {
        while (i < n && s.charAt(i) != ',') {
          value.append(s.charAt(i++));
        }
      }
      if (!name.isEmpty()) {
        out.putIfAbsent(name, value.toString().strip());
      }
    }
    return out;
  }

  /** A quoted-string with backslash escapes (RFC 3261 25.1). */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
