package dev.voicebot.sip.info;

import java.util.Objects;
import java.util.OptionalInt;

/** What an INFO carried, and so how it is answered. */
public sealed interface InfoBody {

  /** A DTMF digit (0-9, *, #, A-D): 200, and the app gets the digit. */
  record Digit(char digit, OptionalInt durationMs) implements InfoBody {
    public Digit {
      Objects.requireNonNull(durationMs, "durationMs");
      if (InfoDtmfParser.DIGITS.indexOf(digit) < 0) {
        throw new IllegalArgumentException("not a DTMF digit: " + digit);
      }
    }
  }

  /**
   * No body (a keep-alive, as some SBCs and Jigasi use) or a DTMF event that is no digit (flash
   * hook): 200, nothing for the app.
   */
  record Nothing(String why) implements InfoBody {}

  /** A body type we do not know: 415 with the types we accept (RFC 6086 section 4.2.2). */
  record Unsupported(String contentType) implements InfoBody {}

  /** A DTMF type whose body we cannot read: 400, so the sender's log shows the fault. */
  record Malformed(String why) implements InfoBody {}
}
