package dev.voicebot.app.records;

import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of active calls and of the most recent finished ones (bounded, oldest dropped
 * first), each piece also handed to a {@link CallRecordSink} (the database) as soon as it is final.
 * Written from call, conversation and (for rare events) media threads, read by HTTP threads: every
 * method is synchronized, and each holds the lock only for a few field updates; the sink only
 * queues.
 */
public final class CallRecordStore {

  private static final Logger log = LoggerFactory.getLogger(CallRecordStore.class);

  private final int capacity;
  private final Clock clock;
  private final CallRecordSink sink;
  private final String instance;
  private final Map<String, Draft> active = new LinkedHashMap<>();
  private final Deque<CallRecord> finished = new ArrayDeque<>();

  /** Memory only. */
  public CallRecordStore(int capacity, Clock clock) {
    this(capacity, clock, CallRecordSink.NONE);
  }

  public CallRecordStore(int capacity, Clock clock, CallRecordSink sink) {
    this(capacity, clock, sink, null);
  }

  /** @param instance this app instance's name, written into each of its records */
  public CallRecordStore(int capacity, Clock clock, CallRecordSink sink, String instance) {
    this.capacity = capacity;
    this.clock = clock;
    this.sink = sink;
    this.instance = instance;
  }

  public synchronized void started(String callId, String from, String to, String dialplan, Instant at) {
    Draft draft = new Draft(callId, from, to, dialplan, at, instance);
    active.put(callId, draft);
    sink.started(draft.snapshot());
  }

  public synchronized void said(String callId, String speaker, String text) {
    Draft draft = active.get(callId);
    if (draft != null) {
      var line = new CallRecord.Line(clock.instant(), speaker, text);
      draft.transcript.add(line);
      sink.line(callId, draft.transcript.size() - 1, line);
    }
  }

  public synchronized void turn(String callId, CallRecord.Turn turn) {
    Draft draft = active.get(callId);
    if (draft != null) {
      draft.turns.add(turn);
      sink.turn(callId, draft.turns.size() - 1, turn);
    }
  }

  public synchronized void event(String callId, EventKind kind, String detail) {
    Draft draft = active.get(callId);
    if (draft != null) {
      var event = new CallRecord.Event(clock.instant(), kind.label(), detail);
      draft.events.add(event);
      sink.event(callId, draft.events.size() - 1, event);
    }
  }

  /** The call is recorded into {@code file}, a name in the recordings directory. */
  public synchronized void recording(String callId, String file) {
    Draft draft = active.get(callId);
    if (draft != null) {
      draft.recording = file;
      sink.recording(callId, file);
    }
  }

  public synchronized void ended(String callId, Instant at, String reason, Outcome outcome, RtpStats media,
      CallQuality quality, EchoReport echo) {
    Draft draft = active.remove(callId);
    if (draft == null) {
      return;
    }
    CallRecord record = draft.finish(at, reason, outcome, media, quality, echo);
    finished.addFirst(record);
    while (finished.size() > capacity) {
      finished.removeLast();
    }
    sink.ended(record);
    log.info("Call record: {} -> {} ({}), {} lines, {} turns, {} events, ended: {}, MOS {}, {}", record.from(),
        record.to(), record.dialplan(), record.transcript().size(), record.turns().size(), record.events().size(),
        reason, quality == null ? "n/a" : String.format("%.2f", quality.mos()),
        echo == null ? "no echo report" : echo);
  }

  /** Active calls first, then finished ones, newest first. */
  public synchronized List<CallRecord> list() {
    var out = new ArrayList<CallRecord>();
    active.values().forEach(d -> out.add(d.snapshot()));
    out.addAll(finished);
    return out;
  }

  public synchronized Optional<CallRecord> find(String callId) {
    Draft draft = active.get(callId);
    if (draft != null) {
      return Optional.of(draft.snapshot());
    }
    return finished.stream().filter(r -> r.callId().equals(callId)).findFirst();
  }

  /** Whether the call is on now (in this app). */
  public synchronized boolean isActive(String callId) {
    return active.containsKey(callId);
  }

  private static final class Draft {
    final String callId;
    final String from;
    final String to;
    final String dialplan;
    final Instant startedAt;
    final String instance;
    final List<CallRecord.Line> transcript = new ArrayList<>();
    final List<CallRecord.Turn> turns = new ArrayList<>();
    final List<CallRecord.Event> events = new ArrayList<>();
    String recording;

    Draft(String callId, String from, String to, String dialplan, Instant startedAt, String instance) {
      this.callId = callId;
      this.from = from;
      this.to = to;
      this.dialplan = dialplan;
      this.startedAt = startedAt;
      this.instance = instance;
    }

    CallRecord snapshot() {
      return finish(null, null, null, null, null, null);
    }

    CallRecord finish(Instant endedAt, String reason, Outcome outcome, RtpStats media, CallQuality quality,
        EchoReport echo) {
      return new CallRecord(callId, from, to, dialplan, startedAt, endedAt, reason, List.copyOf(transcript),
          List.copyOf(turns), media, quality, echo, outcome == null ? null : outcome.label(), List.copyOf(events),
          recording, instance);
    }
  }
}
