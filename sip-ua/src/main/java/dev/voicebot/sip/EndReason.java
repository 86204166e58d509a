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

  /** A protocol timer fired, e.g. "ACK not received"; we sent BYE. */
  record Timeout(String what) implements EndReason {
    public Timeout {
      Objects.requireNonNull(what, "what");
    }
  }

  /** The user agent was closed while the call was up. */
  record Shutdown() implements EndReason {}
}
