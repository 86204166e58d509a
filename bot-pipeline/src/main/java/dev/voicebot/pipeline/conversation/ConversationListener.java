package dev.voicebot.pipeline.conversation;

/**
 * Observes a conversation for logs, metrics and call records; implemented by the app. Called on
 * the conversation's thread: implementations must be quick and must not call back into the
 * conversation synchronously. Exceptions are logged and otherwise ignored.
 */
public interface ConversationListener {

  /** A line of the transcript: the caller's final words, or what the bot is about to say. */
  void onTranscript(String callId, Speaker speaker, String text);

  /**
   * Timings of one turn, reported once the reply's first RTP packet has been sent (see {@link
   * TurnReporter}); a reply that never reached the wire is reported without it at the next turn or
   * the end of the call.
   */
  void onTurn(String callId, TurnTimings timings);

  /** The conversation moved to another state (GREETING, SPEAKING, LISTENING, THINKING, COLLECTING_DIGITS, TRANSFERRING, ENDING, ENDED). */
  void onStateChanged(String callId, String state);

  /** A listener that ignores everything. */
  static ConversationListener none() {
    return new ConversationListener() {
      @Override
      public void onTranscript(String callId, Speaker speaker, String text) {}

      @Override
      public void onTurn(String callId, TurnTimings timings) {}

      @Override
      public void onStateChanged(String callId, String state) {}
    };
  }
}
