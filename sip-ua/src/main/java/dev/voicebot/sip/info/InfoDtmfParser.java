package dev.voicebot.sip.info;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Reads DTMF INFO bodies. {@code application/dtmf-relay} is {@code Signal=5\r\nDuration=160}
 * (case and spacing vary; some gateways send the event number, 10 for *, 11 for #);
 * {@code application/dtmf} is just the digit, or its event number.
 */
public final class InfoDtmfParser {

  /** The content types we accept, for the Accept header of a 415. */
  public static final List<String> ACCEPTED = List.of("application/dtmf-relay", "application/dtmf");

  /** RFC 4733 event codes 0-15 in order. */
  static final String DIGITS = "0123456789*#ABCD";

  private InfoDtmfParser() {}

  /**
   * @param contentType {@code type/subtype} of the INFO (parameters stripped), or null if none
   * @param body the body text, empty if none
   */
  public static InfoBody parse(String contentType, String body) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      return new InfoBody.Nothing("no body");
    }
    String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/dtmf-relay" -> relay(text);
      case "application/dtmf" -> signal(text);
      default -> new InfoBody.Unsupported(type.isEmpty() ? "(none)" : type);
    };
  }

  private static InfoBody relay(String text) {
    String signal = null;
    OptionalInt duration = OptionalInt.empty();
    for (String line : text.split("\r?\n")) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(eq + 1).strip();
      switch (key) {
        case "signal" -> signal = value;
        case "duration" -> duration = number(value);
        default -> {}
      }
    }
    if (signal == null) {
      return new InfoBody.Malformed("dtmf-relay without Signal=");
    }
    return switch (signal(signal)) {
      case InfoBody.Digit d -> new InfoBody.Digit(d.digit(), duration);
      case InfoBody other -> other;
    };
  }

  private static InfoBody signal(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.length() == 1 && DIGITS.indexOf(v.charAt(0)) >= 0) {
      return new InfoBody.Digit(v.charAt(0), OptionalInt.empty());
    }
    OptionalInt event = number(v);
    if (event.isPresent() && event.getAsInt() >= 10 && event.getAsInt() < DIGITS.length()) {
      return new InfoBody.Digit(DIGITS.charAt(event.getAsInt()), OptionalInt.empty());
    }
    if (event.isPresent() && event.getAsInt() == 16 || v.equals("!")) {
      return new InfoBody.Nothing("flash hook");
    }
    return new InfoBody.Malformed("not a DTMF signal: " + value);
  }

  private static OptionalInt number(String s) {
    try {
      return OptionalInt.of(Integer.parseInt(s.strip()));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
