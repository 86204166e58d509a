package dev.voicebot.app.records;

/** How a call ended, coarse enough to filter the call list by; the record's endReason has the details. */
public enum Outcome {
  CALLER_HUNG_UP,
  BOT_HUNG_UP,
  TRANSFERRED,
  CANCELLED,
  REJECTED,
  TIMEOUT,
  FAILED,
  SHUTDOWN,
  /** The app stopped (a crash, a kill) while the call was on: found unfinished at the next start. */
  INTERRUPTED;

  /** The name in records and in the API's {@code outcome} filter: lower case with hyphens. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
