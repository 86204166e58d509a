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
 * first). Written from call and conversation threads, read by HTTP threads: every method is
 * synchronized, and each holds the lock only for a few field updates.
 */
public final class CallRecordStore {

  private static final Logger log = LoggerFactory.getLogger(CallRecordStore.class);

  private final int capacity;
  private final Clock clock;
  private final Map<String, Draft> active = new LinkedHashMap<>();
  private final Deque<CallRecord> finished = new ArrayDeque<>();

  public CallRecordStore(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  public synchronized void started(String callId, String from, String to, String dialplan, Instant at) {
    active.put(callId, new Draft(callId, from, to, dialplan, at));
  }

  public synchronized void said(String callId, String speaker, String text) {
    Draft draft = active.get(callId);
    if (draft != null) {
      draft.transcript.add(new CallRecord.Line(clock.instant(), speaker, text));
    }
  }

  public synchronized void turn(String callId, CallRecord.Turn turn) {
    Draft draft = active.get(callId);
    if (draft != null) {
      draft.turns.add(turn);
    }
  }

  public synchronized void ended(String callId, Instant at, String reason, RtpStats media, CallQuality quality,
      EchoReport echo) {
    Draft draft = active.remove(callId);
    if (draft == null) {
      return;
    }
    CallRecord record = draft.finish(at, reason, media, quality, echo);
    finished.addFirst(record);
    while (finished.size() > capacity) {
      finished.removeLast();
    }
    log.info("Call record: {} -> {} ({}), {} lines, {} turns, ended: {}, MOS {}, {}", record.from(), record.to(),
        record.dialplan(), record.transcript().size(), record.turns().size(), reason,
        quality == null ? "n/a" : String.format("%.2f", quality.mos()), echo == null ? "no echo report" : echo);
  }

  /** Active calls first, then finished ones, newest first. */
  public synchronized List<CallRecord> list() {
    var out = new ArrayList<CallRecord>();
    active.values().forEach(d -> out.add(d.finish(null, null, null, null, null)));
    out.addAll(finished);
    return out;
  }

  public synchronized Optional<CallRecord> find(String callId) {
    Draft draft = active.get(callId);
    if (draft != null) {
      return Optional.of(draft.finish(null, null, null, null, null));
    }
    return finished.stream().filter(r -> r.callId().equals(callId)).findFirst();
  }

  private static final class Draft {
    final String callId;
    final String from;
    final String to;
    final String dialplan;
    final Instant startedAt;
    final List<CallRecord.Line> transcript = new ArrayList<>();
    final List<CallRecord.Turn> turns = new ArrayList<>();

    Draft(String callId, String from, String to, String dialplan, Instant startedAt) {
      this.callId = callId;
      this.from = from;
      this.to = to;
      this.dialplan = dialplan;
      this.startedAt = startedAt;
    }

    CallRecord finish(Instant endedAt, String reason, RtpStats media, CallQuality quality, EchoReport echo) {
      return new CallRecord(callId, from, to, dialplan, startedAt, endedAt, reason,
          List.copyOf(transcript), List.copyOf(turns), media, quality, echo);
    }
  }
}
