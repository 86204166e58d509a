package dev.voicebot.app.harness;

import java.util.List;
import java.util.OptionalLong;

/**
 * One captured call seen from the wire: the caller's and the bot's audio with the capture time of
 * every voiced packet, and the two latencies a caller feels.
 */
public record CallTimeline(CapturedAudio caller, CapturedAudio bot) {

  /** Pauses shorter than this are inside a talkspurt (between words or sentences). */
  private static final long TALKSPURT_GAP_MICROS = 250_000;

  /** Splits captured packets by direction: the bot's RTP ports are {@code botMin..botMax}. */
  public static CallTimeline of(List<CapturedRtp.Packet> packets, int botMin, int botMax) {
    var fromBot = packets.stream().filter(p -> p.srcPort() >= botMin && p.srcPort() <= botMax).toList();
    var toBot = packets.stream().filter(p -> p.dstPort() >= botMin && p.dstPort() <= botMax).toList();
    return new CallTimeline(CapturedAudio.of(toBot), CapturedAudio.of(fromBot));
  }

  /** Caller's last voiced packet → bot's first voiced packet after it (microseconds). */
  public OptionalLong voiceToVoiceMicros() {
    long callerEnd = caller.lastVoiced();
    if (callerEnd < 0) {
      return OptionalLong.empty();
    }
    long reply = bot.firstVoicedAfter(callerEnd);
    return reply < 0 ? OptionalLong.empty() : OptionalLong.of(reply - callerEnd);
  }

  /**
   * Caller's first voiced packet → the bot's last voiced packet of the talkspurt it was in then:
   * how long the bot kept talking over the caller. Empty if the bot was not talking.
   */
  public OptionalLong bargeInStopMicros() {
    long onset = caller.firstVoiced();
    if (onset < 0) {
      return OptionalLong.empty();
    }
    long stop = bot.endOfTalkspurtAt(onset, TALKSPURT_GAP_MICROS);
    return stop < onset ? OptionalLong.empty() : OptionalLong.of(stop - onset);
  }

  /** The talkspurts of both sides in milliseconds from the first voiced packet, for failure messages. */
  public String describe() {
    long origin = Math.min(
        caller.firstVoiced() < 0 ? Long.MAX_VALUE : caller.firstVoiced(),
        bot.firstVoiced() < 0 ? Long.MAX_VALUE : bot.firstVoiced());
    return "caller " + spurts(caller, origin) + "; bot " + spurts(bot, origin);
  }

  private static String spurts(CapturedAudio audio, long origin) {
    var out = new StringBuilder("[");
    long start = -1;
    long last = -1;
    for (CapturedAudio.Voiced v : audio.voiced()) {
      if (start >= 0 && v.captureMicros() - last >= TALKSPURT_GAP_MICROS) {
        out.append((start - origin) / 1000).append('-').append((last - origin) / 1000).append(' ');
        start = -1;
      }
      if (start < 0) {
        start = v.captureMicros();
      }
      last = v.captureMicros();
    }
    if (start >= 0) {
      out.append((start - origin) / 1000).append('-').append((last - origin) / 1000);
    }
    return out.append("] ms").toString();
  }
}
