package dev.voicebot.app.records;

import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one call, served by the HTTP API. {@code media}, {@code quality} and {@code echo}
 * (whether the line echoed the bot, its ERL and delay, and what the canceller did) are null until
 * the call ends.
 */
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
    RtpStats media,
    CallQuality quality,
    EchoReport echo) {

  /** One utterance, by the caller or the bot. */
  public record Line(Instant at, String speaker, String text) {}

  /**
   * One turn's latency waterfall in milliseconds (null where a stage did not apply, e.g. no speech
   * for a key press): caller's last voiced frame → endpoint decided → final transcript → reply
   * decided → first audio synthesized; {@code responseMs} spans from the last voiced frame (or the
   * key) to the first reply audio queued for playout, {@code playoutMs} from that to the reply's
   * first RTP packet sent, and {@code firstPacketMs} from the last voiced frame (or the key) to that
   * packet (null when the reply never reached the wire, e.g. the caller hung up first).
   */
  public record Turn(
      String callerText,
      String intent,
      String reply,
      Long endpointMs,
      Long sttMs,
      Long brainMs,
      Long ttsMs,
      Long responseMs,
      Long playoutMs,
      Long firstPacketMs) {}
}
