package dev.voicebot.sip;

import java.util.Objects;

/** Why a call ended; every call offered through {@link CallHandler#onInvite} ends exactly once. */
public sealed interface EndReason {

  /** The caller sent BYE. */
  record RemoteBye() implements EndReason {}

  /** The app called {@link SipCall#hangup()}. */
  record LocalHangup() implements EndReason {}

  /** The caller sent CANCEL before we answered. */
  record Cancelled() implements EndReason {}

  /** The INVITE got this final error status (the app's rejection, or 500 if onInvite threw). */
  record Rejected(int status) implements EndReason {}

  /** A protocol timer fired, e.g. "ACK not received" or "session expired"; we sent BYE. */
  record Timeout(String what) implements EndReason {
    public Timeout {
      Objects.requireNonNull(what, "what");
    }
  }

  /**
   * The caller's SDP answer (late offer: in the ACK) had nothing we can use; we sent BYE with a
   * Reason header.
   */
  record NegotiationFailed(String what) implements EndReason {
    public NegotiationFailed {
      Objects.requireNonNull(what, "what");
    }
  }

  /** A blind transfer succeeded and we left the call with BYE. */
  record Transferred(String target) implements EndReason {
    public Transferred {
      Objects.requireNonNull(target, "target");
    }
  }

  /** The user agent was closed while the call was up. */
  record Shutdown() implements EndReason {}
}
