package dev.voicebot.sip.timer;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code refresher} parameter of Session-Expires. It names a role in the transaction that
 * carries it, not a party of the call: in a re-INVITE we send, {@code uac} means us.
 */
public enum Refresher {
  UAC,
  UAS;

  public String param() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Refresher> parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "uac" -> Optional.of(UAC);
      case "uas" -> Optional.of(UAS);
      default -> Optional.empty();
    };
  }
}
