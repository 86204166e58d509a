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
}
