package dev.voicebot.pipeline.conversation;

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
   * transfer allowlist. The default does nothing, for apps that cannot transfer.
   */
  default void transfer(String sipUri) {}

  /** Sends DTMF digits (0-9, *, #) to the far end, e.g. as RFC 4733 events. The default does nothing. */
  default void sendDtmf(String digits) {}
}
