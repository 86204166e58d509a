package dev.voicebot.sip;

import dev.voicebot.sip.timer.SessionTimerRequest;
import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;

/**
 * Reads header values as text, whichever class JAIN-SIP parsed them into: the dialog features
 * only need the values, and text keeps their parsing testable in the feature packages.
 */
final class SipHeaders {

  static final String SESSION_EXPIRES = "Session-Expires";
  static final String MIN_SE = "Min-SE";

  private SipHeaders() {}

  static Optional<String> value(Message m, String name) {
    Header h = m.getHeader(name);
    return h == null ? Optional.empty() : Optional.of(valueOf(h));
  }

  /** Every comma-separated token of every instance of the header, e.g. all Allow methods. */
  static List<String> tokens(Message m, String name) {
    List<String> out = new ArrayList<>();
    ListIterator<?> it = m.getHeaders(name);
    while (it != null && it.hasNext()) {
      for (String t : valueOf((Header) it.next()).split(",")) {
        if (!t.isBlank()) {
          out.add(t.strip());
        }
      }
    }
    return out;
  }

  static boolean hasToken(Message m, String name, String token) {
    return tokens(m, name).stream().anyMatch(token::equalsIgnoreCase);
  }

  /** {@code type/subtype} of the body, lower case, or null without Content-Type. */
  static String contentType(Message m) {
    ContentTypeHeader type = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
    return type == null
        ? null
        : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(java.util.Locale.ROOT);
  }

  static String body(Message m) {
    byte[] raw = m.getRawContent();
    return raw == null ? "" : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
  }

  static SessionTimerRequest timerRequest(Message m) {
    return SessionTimerRequest.parse(
        value(m, SESSION_EXPIRES).orElse(null),
        value(m, MIN_SE).orElse(null),
        hasToken(m, "Supported", "timer") || hasToken(m, "Require", "timer"));
  }

  private static String valueOf(Header h) {
    return switch (h) {
      case ExtensionHeader e -> e.getValue();
      case SIPHeader s -> s.getHeaderValue().strip();
      default -> {
        String text = h.toString();
        int colon = text.indexOf(':');
        yield (colon < 0 ? text : text.substring(colon + 1)).strip();
      }
    };
  }
}
