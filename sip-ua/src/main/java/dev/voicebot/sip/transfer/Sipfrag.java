package dev.voicebot.sip.transfer;

import java.util.Optional;

/**
 * The status line of a {@code message/sipfrag} NOTIFY body (RFC 3420, RFC 3515 section 2.4.5),
 * e.g. {@code SIP/2.0 180 Ringing}. Headers after the status line are allowed and ignored.
 *
 * @param status the transfer target's response code
 * @param reason its reason phrase (may be empty)
 */
public record Sipfrag(int status, String reason) {

  public Sipfrag {
    if (status < 100 || status > 699) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    reason = reason == null ? "" : reason;
  }

  /** A final response (2xx-6xx): the transfer's outcome is known. */
  public boolean isFinal() {
    return status >= 200;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** @return empty if the body does not start with a SIP status line */
  public static Optional<Sipfrag> parse(String body) {
    if (body == null) {
      return Optional.empty();
    }
    String first = body.strip().split("\r?\n", 2)[0].strip();
    String[] parts = first.split("\\s+", 3);
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("SIP/2.0") || parts[1].length() != 3) {
      return Optional.empty();
    }
    try {
      int status = Integer.parseInt(parts[1]);
      if (status < 100 || status > 699) {
        return Optional.empty();
      }
      return Optional.of(new Sipfrag(status, parts.length == 3 ? parts[2] : ""));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
