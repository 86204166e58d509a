package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.conversation.TurnTimings.NOT_MEASURED;

/** Collects the timestamps of the turn being answered until they are reported. Actor-confined. */
final class TurnClock {

  long callerSpeechEnd = NOT_MEASURED;
  long endpoint = NOT_MEASURED;
  long sttFinal = NOT_MEASURED;
  long reply = NOT_MEASURED;
  long ttsFirstAudio = NOT_MEASURED;
  long firstAudioQueued = NOT_MEASURED;
  String callerText = "";
  String intent = "";
  String replyText = "";

  static TurnClock speech(long callerSpeechEnd, long endpoint) {
    TurnClock clock = new TurnClock();
    clock.callerSpeechEnd = callerSpeechEnd;
    clock.endpoint = endpoint;
    return clock;
  }

  /** A turn started by a key press or a timer rather than speech. */
  static TurnClock event(long at) {
    TurnClock clock = new TurnClock();
    clock.endpoint = at;
    return clock;
  }

  TurnTimings timings() {
    return new TurnTimings(
        callerSpeechEnd, endpoint, sttFinal, reply, ttsFirstAudio, firstAudioQueued, callerText, intent, replyText);
  }
}
