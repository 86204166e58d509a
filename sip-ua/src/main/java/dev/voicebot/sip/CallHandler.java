package dev.voicebot.sip;

import dev.voicebot.sip.sdp.MediaDirection;

/**
 * The app's side of the user agent. Every method runs on a virtual thread; the calls for one
 * Call-ID never overlap and arrive in order: onInvite, then (if answered) any onMediaChanged,
 * onEstablished, then any onMediaChanged and onDtmf, then exactly one onEnded.
 */
public interface CallHandler {

  /**
   * Decide on a call whose SDP we can answer. May block briefly (e.g. to open an RTP port). If the
   * caller cancels meanwhile, the acceptance is ignored and {@link #onEnded} reports
   * {@link EndReason.Cancelled}, so resources opened here must be freed there.
   *
   * <p>A caller that sent no SDP (late offer) gets {@link InboundCall#media()} empty: accept with
   * the RTP port to offer, but send nothing yet. The caller's answer comes with its ACK and is
   * reported by {@link #onMediaChanged} right before {@link #onEstablished}; if the answer is
   * unusable the call ends with {@link EndReason.NegotiationFailed} instead.
   */
  CallAcceptance onInvite(InboundCall call);

  /**
   * Whether a new call would be answered now. When not (the instance is at its call limit),
   * OPTIONS are answered 503 with Retry-After, so a dispatcher that probes with OPTIONS (Kamailio's
   * dispatcher) sends calls to another instance instead of collecting 503s on INVITEs.
   */
  default boolean acceptsCalls() {
    return true;
  }

  /** The caller acknowledged our 200 OK: media may flow (as the last reported direction allows). */
  void onEstablished(String callId);

  void onEnded(String callId, EndReason reason);

  /**
   * A DTMF digit signalled in SIP INFO ({@code application/dtmf-relay} or
   * {@code application/dtmf}); route it like an RFC 4733 digit from RTP.
   */
  void onDtmf(String callId, char digit);

  /**
   * The media of the call changed by offer/answer: the late-offer answer, or a re-INVITE/UPDATE
   * that put the call on hold or took it off, moved the caller's RTP address or switched codec.
   * Called only when something differs from what the app last learned (from
   * {@link InboundCall#media()} or an earlier call of this method); a call that starts on hold
   * (its offer not sendrecv) gets one before onEstablished.
   *
   * @param media where to send RTP and with which codec from now on. On hold with c=0.0.0.0 the
   *     previous remote address is kept, since there is no destination to move to
   * @param direction the caller's direction: {@code SENDONLY} or {@code INACTIVE} mean the caller
   *     hears nothing, so stop sending audio and pause the conversation (and media timeouts);
   *     {@code SENDRECV} resumes; {@code RECVONLY} means the caller sends nothing
   */
  default void onMediaChanged(String callId, NegotiatedMedia media, MediaDirection direction) {}
}
