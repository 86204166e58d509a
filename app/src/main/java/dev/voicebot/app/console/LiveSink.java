package dev.voicebot.app.console;

import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordSink;

/**
 * Hands each piece of a call's record to the database sink and, as a live event, to the console:
 * the call record store is already the one place where a call's start, lines, turns and end meet.
 */
public final class LiveSink implements CallRecordSink {

  private final CallRecordSink delegate;
  private final LiveEvents events;

  public LiveSink(CallRecordSink delegate, LiveEvents events) {
    this.delegate = delegate;
    this.events = events;
  }

  @Override
  public void started(CallRecord header) {
    delegate.started(header);
    events.publish(new LiveEvent.CallStarted(header.callId(), header));
  }

  @Override
  public void line(String callId, int seq, CallRecord.Line line) {
    delegate.line(callId, seq, line);
    events.publish(new LiveEvent.LineSaid(callId, seq, line));
  }

  @Override
  public void turn(String callId, int seq, CallRecord.Turn turn) {
    delegate.turn(callId, seq, turn);
    events.publish(new LiveEvent.TurnEnded(callId, seq, turn));
  }

  @Override
  public void event(String callId, int seq, CallRecord.Event event) {
    delegate.event(callId, seq, event);
  }

  @Override
  public void recording(String callId, String file) {
    delegate.recording(callId, file);
  }

  @Override
  public void ended(CallRecord record) {
    delegate.ended(record);
    events.publish(new LiveEvent.CallEnded(record.callId(), record.outcome(), record.endReason()));
  }
}
