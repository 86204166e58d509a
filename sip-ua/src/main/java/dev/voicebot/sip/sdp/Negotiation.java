package dev.voicebot.sip.sdp;

import java.util.Objects;

/** Outcome of matching an offer against what we can do. */
public sealed interface Negotiation {

  /** There is an audio stream we can answer. */
  record Agreed(SdpAgreement agreement) implements Negotiation {
    public Agreed {
      Objects.requireNonNull(agreement, "agreement");
    }
  }

  /** Nothing in common: the INVITE gets 488 with Warning 305. */
  record Incompatible(String reason) implements Negotiation {
    public Incompatible {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
