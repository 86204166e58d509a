package dev.voicebot.sip.register;

/** {@code host[:port]}, IPv6 literals in brackets; port 5060 (or a given default) when absent. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  public static HostPort parse(String text) {
    return parse(text, 5060);
  }

  /** @param defaultPort the port when the text names none: 5061 for TLS (RFC 3261 19.1.2) */
  public static HostPort parse(String text, int defaultPort) {
    String s = text == null ? "" : text.strip();
    if (s.regionMatches(true, 0, "sip:", 0, 4)) {
      s = s.substring(4);
    }
    try {
      if (s.startsWith("[")) {
        int close = s.indexOf(']');
        String host = s.substring(0, close + 1);
        String rest = s.substring(close + 1);
        return new HostPort(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort);
      }
      int colon = s.lastIndexOf(':');
      if (colon > 0 && s.indexOf(':') == colon) {
        return new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
      }
      return new HostPort(s, defaultPort);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not host[:port]: '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
