package dev.voicebot.app.call;

/**
 * What a caller beyond the call limit is told. 503 (with Retry-After, added by the SIP layer)
 * makes a trunk or dispatcher try another bot or come back later; 486 tells a PBX the line is
 * busy, for setups that route busy calls to a queue or voicemail.
 */
public enum WhenFull {
  UNAVAILABLE(503, "Too many calls"),
  BUSY(486, "Busy Here");

  private final int status;
  private final String reason;

  WhenFull(int status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
