package dev.voicebot.pipeline.realtime;

import static dev.voicebot.pipeline.conversation.TurnTimings.NOT_MEASURED;

import dev.voicebot.pipeline.conversation.TurnTimings;

/**
 * The timestamps of the turn being answered, reported as the cascaded pipeline's {@link
 * TurnTimings} so call records and metrics read both alike: caller's last voiced audio, the
 * server's end-of-turn ({@code speech_stopped}), {@code response.created} as the reply decision,
 * the first audio delta in place of TTS first audio, and the first audio queued. There is no
 * separate STT stage. Actor-confined.
 */
final class TurnStamps {

  long callerSpeechEnd = NOT_MEASURED;
  long endpoint = NOT_MEASURED;
  long responseCreated = NOT_MEASURED;
  long firstDelta = NOT_MEASURED;
  long firstQueued = NOT_MEASURED;

  static TurnStamps speech(long callerSpeechEnd, long endpoint) {
    TurnStamps turn = new TurnStamps();
    turn.callerSpeechEnd = callerSpeechEnd;
    turn.endpoint = endpoint;
    return turn;
  }

  /** A turn started by the call being answered, a key press or a transfer outcome rather than speech. */
  static TurnStamps event(long at) {
    TurnStamps turn = new TurnStamps();
    turn.endpoint = at;
    return turn;
  }

  TurnTimings timings() {
    return new TurnTimings(callerSpeechEnd, endpoint, NOT_MEASURED, responseCreated, firstDelta, firstQueued, "", "", "");
  }
}
