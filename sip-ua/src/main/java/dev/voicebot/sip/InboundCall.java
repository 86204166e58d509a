package dev.voicebot.sip;

import java.util.Objects;
import java.util.Optional;

/**
 * An incoming call offered to the app.
 *
 * @param callId SIP Call-ID, the key of every later event
 * @param fromUri the caller's From URI
 * @param toUser user part of the Request-URI (the dialled number; selects the dialplan)
 * @param requestUri the full Request-URI
 * @param media what was negotiated from the caller's offer; empty for a late offer (INVITE
 *     without SDP), whose media is reported by {@link CallHandler#onMediaChanged} once the ACK
 *     brings the caller's answer
 * @param call handle to hang up or query the call
 */
public record InboundCall(
    String callId,
    String fromUri,
    String toUser,
    String requestUri,
    Optional<NegotiatedMedia> media,
    SipCall call) {

  public InboundCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(fromUri, "fromUri");
    Objects.requireNonNull(toUser, "toUser");
    Objects.requireNonNull(requestUri, "requestUri");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(call, "call");
  }
}
