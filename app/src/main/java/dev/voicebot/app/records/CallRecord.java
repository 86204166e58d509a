package dev.voicebot.app.records;

import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one call, served by the HTTP API. {@code media}, {@code quality} and {@code echo}
 * (whether the line echoed the bot, its ERL and delay, and what the canceller did) are null until
 * the call ends, and so are {@code endedAt}, {@code endReason} and {@code outcome}.
 *
 * @param outcome how the call ended, in one word for filtering ({@link Outcome#label()})
 * @param events what happened on the call besides words: keys, hold, transfer, codec switches and
 *     what the echo canceller found, in order
 * @param recording the file name of the call's stereo recording in the recordings directory (served
 *     at {@code /api/calls/{callId}/recording.wav}), or null when the call is not recorded
 * @param instance the app instance that handled the call ({@code voicebot.instance-id}), or null for
 *     calls recorded before instances were named
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
    EchoReport echo,
    String outcome,
    List<Event> events,
    String recording,
    String instance) {

  /** The record as it was before outcomes, events and recordings: none of those. */
  public CallRecord(String callId, String from, String to, String dialplan, Instant startedAt, Instant endedAt,
      String endReason, List<Line> transcript, List<Turn> turns, RtpStats media, CallQuality quality,
      EchoReport echo) {
    this(callId, from, to, dialplan, startedAt, endedAt, endReason, transcript, turns, media, quality, echo, null,
        List.of(), null, null);
  }

  /** One utterance, by the caller or the bot. */
  public record Line(Instant at, String speaker, String text) {}

  /**
   * Something that happened on the call besides speech.
   *
   * @param kind one of {@link EventKind}'s labels
   * @param detail what exactly (the key, the codecs, the transfer target), never caller speech
   */
  public record Event(Instant at, String kind, String detail) {}

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
