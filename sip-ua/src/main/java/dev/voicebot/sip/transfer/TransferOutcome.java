package dev.voicebot.sip.transfer;

import java.util.Objects;

/** How a blind transfer ended, as reported to the app. */
public sealed interface TransferOutcome {

  /** The transfer target answered (sipfrag 2xx): we sent BYE, the call has ended. */
  record Succeeded() implements TransferOutcome {}

  /**
   * The transfer did not happen; the call is still up (unless it ended meanwhile for another
   * reason), so the app should tell the caller and carry on.
   *
   * @param status the SIP status that ended it: the REFER's error response, the target's final
   *     status from the NOTIFY sipfrag, 408 when no final NOTIFY came in time, 481 when the call
   *     was not (or no longer) up, 491 when another transfer was still running
   * @param reason the reason phrase or our explanation
   */
  record Failed(int status, String reason) implements TransferOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
