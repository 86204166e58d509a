package dev.voicebot.app.records;

import dev.voicebot.rtp.RtpStats;
import java.time.Instant;
import java.util.List;

/** A snapshot of one call, served by the HTTP API. */
public record CallRecord(
    String callId,
    String from,
    String to,
    String dialplan,
    Instant startedAt,
    Instant endedAt,
    String endReason,
    List<Line> transcript,
    List<Turn> turns,
    RtpStats media) {

  /** One utterance, by the caller or the bot. */
  public record Line(Instant at, String speaker, String text) {}

  /** One turn's latency waterfall, in milliseconds from the end of the caller's speech. */
  public record Turn(
      String callerText,
      String intent,
      String reply,
      Long endpointMs,
      Long sttFinalMs,
      Long brainMs,
      Long ttsFirstAudioMs,
      Long firstAudioQueuedMs) {}
}
