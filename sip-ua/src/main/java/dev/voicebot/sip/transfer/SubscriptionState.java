package dev.voicebot.sip.transfer;

import java.util.Locale;

/**
 * The Subscription-State of a NOTIFY (RFC 6665): {@code active}, {@code pending} or
 * {@code terminated;reason=...}. Only "terminated" matters here: no more NOTIFYs will come.
 */
public record SubscriptionState(String state) {

  public static SubscriptionState parse(String value) {
    if (value == null || value.isBlank()) {
      return new SubscriptionState("");
    }
    return new SubscriptionState(value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
  }

  public boolean terminated() {
    return state.equals("terminated");
  }
}
