package dev.voicebot.sip;

import dev.voicebot.sip.transfer.TransferOutcome;
import java.util.concurrent.CompletableFuture;

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

  /**
   * Blind transfer (RFC 3515): sends REFER with Refer-To and Referred-By and follows the NOTIFY
   * progress reports. Returns at once. On success (the target answered) the user agent sends BYE,
   * {@link CallHandler#onEnded} reports {@link EndReason.Transferred}, and the future completes
   * with {@link TransferOutcome.Succeeded}. Otherwise it completes with
   * {@link TransferOutcome.Failed} and the call stays up: tell the caller and carry on. The future
   * never completes exceptionally.
   *
   * <p>Whether the target is allowed (the dialplan's allowlist) is the app's decision; this only
   * refuses what is not a target at all.
   *
   * @param referToUri a {@code sip:}, {@code sips:} or {@code tel:} URI
   * @throws IllegalArgumentException if referToUri is not such a URI (nothing is sent)
   */
  CompletableFuture<TransferOutcome> transfer(String referToUri);
}
