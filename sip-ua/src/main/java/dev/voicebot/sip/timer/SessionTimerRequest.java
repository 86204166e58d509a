package dev.voicebot.sip.timer;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an INVITE, re-INVITE or UPDATE says about session timers.
 *
 * @param sessionExpires its Session-Expires delta-seconds, if present and readable
 * @param refresher the refresher parameter of Session-Expires, if given
 * @param minSe its Min-SE, if present (the smallest interval the sender and its proxies accept)
 * @param timerSupported whether Supported (or Require) lists {@code timer}: only then may our
 *     response say {@code Require: timer} and let the sender refresh
 */
public record SessionTimerRequest(
    OptionalInt sessionExpires, Optional<Refresher> refresher, OptionalInt minSe,
    boolean timerSupported) {

  public SessionTimerRequest {
    Objects.requireNonNull(sessionExpires, "sessionExpires");
    Objects.requireNonNull(refresher, "refresher");
    Objects.requireNonNull(minSe, "minSe");
  }

  /**
   * Reads the header values as they appear on the wire, e.g. {@code "1800;refresher=uac"} and
   * {@code "90"}; a value that is not a number counts as absent (the request still gets a call,
   * just without a timer from it).
   *
   * @param sessionExpiresValue Session-Expires value or null
   * @param minSeValue Min-SE value or null
   */
  public static SessionTimerRequest parse(
      String sessionExpiresValue, String minSeValue, boolean timerSupported) {
    OptionalInt se = OptionalInt.empty();
    Optional<Refresher> refresher = Optional.empty();
    if (sessionExpiresValue != null) {
      String[] parts = sessionExpiresValue.split(";");
      se = seconds(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("refresher")) {
          refresher = Refresher.parse(kv[1]);
        }
      }
    }
    OptionalInt min = minSeValue == null ? OptionalInt.empty() : seconds(minSeValue.split(";")[0]);
    return new SessionTimerRequest(se, refresher, min, timerSupported);
  }

  private static OptionalInt seconds(String s) {
    try {
      long v = Long.parseLong(s.strip());
      // delta-seconds may be huge; an interval beyond a day is as good as a day for us.
      return v < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(v, 86_400));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
