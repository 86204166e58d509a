package dev.voicebot.sip.transfer;

import java.util.Locale;

/**
 * A first check of a transfer target before any REFER leaves: the app's allowlist decides which
 * targets are allowed, this only refuses what cannot be a target at all (an empty string, another
 * URI scheme, or characters that would break the Refer-To header and inject others).
 */
public final class ReferTarget {

  private ReferTarget() {}

  /**
   * @return the URI, stripped of surrounding blanks and angle brackets
   * @throws IllegalArgumentException if it is not a plausible sip:, sips: or tel: URI
   */
  public static String check(String uri) {
    if (uri == null) {
      throw new IllegalArgumentException("transfer target is null");
    }
    String u = uri.strip();
    if (u.startsWith("<") && u.endsWith(">")) {
      u = u.substring(1, u.length() - 1).strip();
    }
    String lower = u.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:"))) {
      throw new IllegalArgumentException("transfer target must be a sip:, sips: or tel: URI: " + uri);
    }
    String rest = u.substring(u.indexOf(':') + 1);
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("transfer target has nothing after the scheme: " + uri);
    }
    for (int i = 0; i < u.length(); i++) {
      char c = u.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f) {
        throw new IllegalArgumentException("transfer target contains '" + printable(c) + "': " + uri);
      }
    }
    return u;
  }

  private static String printable(char c) {
    return c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
  }
}
