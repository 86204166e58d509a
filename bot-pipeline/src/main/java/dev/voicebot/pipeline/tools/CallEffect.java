package dev.voicebot.pipeline.tools;

import java.util.Objects;

/**
 * Something a tool call does to the phone call. It runs only after the words announcing it have
 * been played (Pipecat #1842: a tool acting before its announcement was heard), and not at all if
 * the caller interrupts first.
 */
public sealed interface CallEffect {

  /** Transfer to an allowlisted target; {@code sipUri} comes from the dialplan, never from the model. */
  record Transfer(String target, String sipUri) implements CallEffect {
    public Transfer {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(sipUri, "sipUri");
    }
  }

  /** Hang up. */
  record EndCall(String reason) implements CallEffect {
    public EndCall {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Send DTMF digits (0-9, *, #) to the far end. */
  record SendDtmf(String digits) implements CallEffect {
    public SendDtmf {
      Objects.requireNonNull(digits, "digits");
    }
  }
}
