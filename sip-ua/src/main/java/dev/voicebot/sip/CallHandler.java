package dev.voicebot.sip;

/**
 * The app's side of the user agent. Every method runs on a virtual thread; the calls for one
 * Call-ID never overlap and arrive in order: onInvite, then (if answered) onEstablished, then
 * exactly one onEnded.
 */
public interface CallHandler {

  /**
   * Decide on a call whose SDP we can answer. May block briefly (e.g. to open an RTP port). If the
   * caller cancels meanwhile, the acceptance is ignored and {@link #onEnded} reports
   * {@link EndReason.Cancelled}, so resources opened here must be freed there.
   */
  CallAcceptance onInvite(InboundCall call);

  /** The caller acknowledged our 200 OK: media may flow both ways. */
  void onEstablished(String callId);

  void onEnded(String callId, EndReason reason);

  /** A DTMF digit signalled in SIP (INFO). Not delivered yet; RFC 4733 digits come from RTP. */
  void onDtmf(String callId, char digit);
}
