package dev.voicebot.app.console;

import dev.voicebot.app.records.CallRecord;

/**
 * What the console hears about calls in progress, as it happens. Each is one server-sent event
 * named by {@link #type()} with the record as its JSON data. Lines and turns carry their index in
 * the call so that a browser can apply an event it already saw in a snapshot without doubling it.
 */
public sealed interface LiveEvent {

  String callId();

  /** The event's name on the stream. */
  default String type() {
    return switch (this) {
      case CallStarted e -> "call-started";
      case StateChanged e -> "state";
      case LineSaid e -> "line";
      case TurnEnded e -> "turn";
      case QualityNow e -> "quality";
      case CallEnded e -> "call-ended";
    };
  }

  /** A call was answered; {@code call} has no lines or turns yet. */
  record CallStarted(String callId, CallRecord call) implements LiveEvent {}

  /** The conversation moved on (GREETING, SPEAKING, LISTENING, THINKING, ...). */
  record StateChanged(String callId, String state) implements LiveEvent {}

  /** A transcript line, the {@code seq}-th of the call. */
  record LineSaid(String callId, int seq, CallRecord.Line line) implements LiveEvent {}

  /** A turn's latency waterfall, the {@code seq}-th of the call. */
  record TurnEnded(String callId, int seq, CallRecord.Turn turn) implements LiveEvent {}

  /**
   * The line's quality so far (null where not measured yet: JSON has no NaN).
   *
   * @param jitterMillis interarrival jitter of the caller's stream
   * @param lossPercent the caller's packets lost
   * @param mos E-model estimate, 1-4.5
   */
  record QualityNow(String callId, Double jitterMillis, Double lossPercent, Double mos) implements LiveEvent {}

  /** The call is over; its whole record is at {@code /api/calls/{callId}}. */
  record CallEnded(String callId, String outcome, String endReason) implements LiveEvent {}
}
