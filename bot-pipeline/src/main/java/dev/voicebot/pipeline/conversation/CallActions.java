package dev.voicebot.pipeline.conversation;

import org.slf4j.LoggerFactory;

/**
 * What a conversation does to its call; implemented by the app over the media and SIP layers.
 * All methods must return at once (they are called from the conversation's thread).
 */
public interface CallActions {

  /** Appends 16 kHz mono audio to the call's playout queue; ownership of the array passes to the callee. */
  void play(short[] pcm16k);

  /** Drops all queued bot audio at once (barge-in). */
  void clearPlayout();

  /** Ends the call (sends BYE). */
  void hangup();

  /**
   * Transfers the caller (e.g. SIP REFER) to {@code sipUri}, which always comes from the dialplan's
   * transfer allowlist. Report the outcome with {@link Conversation#onTransferResult}; until then
   * the conversation waits in TRANSFERRING, and takes silence for failure after a timeout. The
   * default only logs, so the caller hears the transfer-failed phrase after that timeout.
   */
  default void transfer(String sipUri) {
    LoggerFactory.getLogger(CallActions.class).warn("transfer to {} requested, but this call cannot transfer", sipUri);
  }

  /** Sends DTMF digits (0-9, *, #) to the far end, e.g. as RFC 4733 events. The default only logs. */
  default void sendDtmf(String digits) {
    LoggerFactory.getLogger(CallActions.class).warn("sending DTMF {} requested, but this call cannot send DTMF", digits);
  }
}
