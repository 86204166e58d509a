package dev.voicebot.sip;

/** The app's handle on one call. */
public interface SipCall {

  String callId();

  /**
   * Ends the call without waiting: BYE once answered, otherwise a final 603 Decline to the INVITE.
   * Idempotent; {@link CallHandler#onEnded} follows with {@link EndReason.LocalHangup}.
   */
  void hangup();

  /** True between the ACK of our 200 OK and the end of the call. */
  boolean isEstablished();
}
