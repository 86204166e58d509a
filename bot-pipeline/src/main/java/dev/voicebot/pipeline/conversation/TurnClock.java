package dev.voicebot.pipeline.conversation;

import static dev.voicebot.pipeline.conversation.TurnTimings.NOT_MEASURED;

/**
 * Collects the timestamps of the turn being answered until they are reported as {@link
 * TurnTimings}, so call records and metrics read both call actors alike. A realtime session has no
 * separate STT stage (no {@code sttFinal}); it stamps {@code response.created} as the reply
 * decision and the first audio delta in place of TTS first audio. Actor-confined.
 */
public final class TurnClock {

  public long callerSpeechEnd = NOT_MEASURED;
  public long endpoint = NOT_MEASURED;
  public long sttFinal = NOT_MEASURED;
  public long reply = NOT_MEASURED;
  public long ttsFirstAudio = NOT_MEASURED;
  public long firstAudioQueued = NOT_MEASURED;
  public long firstPacketSent = NOT_MEASURED;
  public String callerText = "";
  public String intent = "";
  public String replyText = "";

  public static TurnClock speech(long callerSpeechEnd, long endpoint) {
    TurnClock clock = new TurnClock();
    clock.callerSpeechEnd = callerSpeechEnd;
    clock.endpoint = endpoint;
    return clock;
  }

  /** A turn started by a key press, a timer, the call being answered or a transfer outcome rather than speech. */
  public static TurnClock event(long at) {
    TurnClock clock = new TurnClock();
    clock.endpoint = at;
    return clock;
  }

  public TurnTimings timings() {
    return new TurnTimings(
        callerSpeechEnd, endpoint, sttFinal, reply, ttsFirstAudio, firstAudioQueued, firstPacketSent,
        callerText, intent, replyText);
  }
}
