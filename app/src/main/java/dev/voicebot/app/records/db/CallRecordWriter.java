package dev.voicebot.app.records.db;

import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordSink;
import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes call records to the database as the calls go, on one thread of its own: the call,
 * conversation and media threads only queue (a slow or unreachable database never stalls a call),
 * and one writer keeps each call's rows in the order they happened. A write that fails is logged
 * (without what was said) and counted; the call goes on and its memory record stays whole.
 */
public final class CallRecordWriter implements CallRecordSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);
  /** Rows waiting at most: minutes of a busy bot's writes, yet a dead database cannot fill the heap. */
  private static final int QUEUE = 10_000;
  /** Long enough for any line of speech; longer is cut rather than refused by the column. */
  private static final int MAX_TEXT = 10_000;

  static final RecordColumns<RtpStats> MEDIA = new RecordColumns<>(RtpStats.class, "call_media");
  static final RecordColumns<CallQuality> QUALITY = new RecordColumns<>(CallQuality.class, "call_quality");
  static final RecordColumns<EchoReport> ECHO = new RecordColumns<>(EchoReport.class, "call_echo");

  private final JdbcClient jdbc;
  private final ThreadPoolExecutor writer;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public CallRecordWriter(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
        Thread.ofPlatform().name("call-records-writer").daemon(true).factory());
  }

  @Override
  public void started(CallRecord header) {
    submit(header.callId(), "start", () -> {
      // A Call-ID seen before (a broken caller reusing one) replaces the old record: one row per id.
      jdbc.sql("DELETE FROM calls WHERE call_id = ?").param(header.callId()).update();
      jdbc.sql("INSERT INTO calls (call_id, from_uri, to_number, dialplan, started_at, recording, instance)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(header.callId(), cut(header.from(), 1024), cut(header.to(), 255), cut(header.dialplan(), 255),
              time(header.startedAt()), header.recording(), cut(header.instance(), 255))
          .update();
    });
  }

  @Override
  public void line(String callId, int seq, CallRecord.Line line) {
    submit(callId, "line", () -> jdbc.sql(
            "INSERT INTO call_lines (call_id, seq, said_at, speaker, words) VALUES (?, ?, ?, ?, ?)")
        .params(callId, seq, time(line.at()), cut(line.speaker(), 16), cut(line.text(), MAX_TEXT))
        .update());
  }

  @Override
  public void turn(String callId, int seq, CallRecord.Turn t) {
    submit(callId, "turn", () -> jdbc.sql("INSERT INTO call_turns (call_id, seq, caller_text, intent, reply,"
            + " endpoint_ms, stt_ms, brain_ms, tts_ms, response_ms, playout_ms, first_packet_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(callId, seq, cut(t.callerText(), MAX_TEXT), cut(t.intent(), 255), cut(t.reply(), MAX_TEXT),
            t.endpointMs(), t.sttMs(), t.brainMs(), t.ttsMs(), t.responseMs(), t.playoutMs(), t.firstPacketMs())
        .update());
  }

  @Override
  public void event(String callId, int seq, CallRecord.Event e) {
    submit(callId, "event", () -> jdbc.sql(
            "INSERT INTO call_events (call_id, seq, event_at, kind, detail) VALUES (?, ?, ?, ?, ?)")
        .params(callId, seq, time(e.at()), cut(e.kind(), 32), cut(e.detail(), 1024))
        .update());
  }

  @Override
  public void recording(String callId, String file) {
    submit(callId, "recording", () -> jdbc.sql("UPDATE calls SET recording = ? WHERE call_id = ?")
        .params(file, callId).update());
  }

  @Override
  public void ended(CallRecord r) {
    submit(r.callId(), "end", () -> {
      jdbc.sql("UPDATE calls SET ended_at = ?, end_reason = ?, outcome = ? WHERE call_id = ?")
          .params(time(r.endedAt()), cut(r.endReason(), 1024), r.outcome(), r.callId())
          .update();
      insert(MEDIA, r.callId(), r.media());
      insert(QUALITY, r.callId(), r.quality());
      insert(ECHO, r.callId(), r.echo());
    });
  }

  private <R extends Record> void insert(RecordColumns<R> columns, String callId, R value) {
    if (value != null) {
      jdbc.sql(columns.insertSql()).params(columns.values(callId, value)).update();
    }
  }

  /** Writes that failed (database errors), and that found the queue full. */
  public long failedWrites() {
    return failed.get() + dropped.get();
  }

  /** Waits until everything queued so far is written (tests; shutdown uses {@link #close()}). */
  public boolean flush(java.time.Duration limit) throws InterruptedException {
    var done = new java.util.concurrent.CountDownLatch(1);
    try {
      writer.execute(done::countDown);
    } catch (RejectedExecutionException e) {
      return false;
    }
    return done.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes what is queued (up to 10 s: the records of calls the shutdown just ended), then stops. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("call records: {} writes still queued at shutdown are lost", writer.shutdownNow().size());
    }
  }

  private void submit(String callId, String what, Runnable write) {
    try {
      writer.execute(() -> {
        try {
          write.run();
        } catch (RuntimeException e) {
          long n = failed.incrementAndGet();
          log.warn("call records: writing the {} of call {} failed ({} failures so far): {}", what, callId, n,
              complaint(e));
        }
      });
    } catch (RejectedExecutionException e) {
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) {
        log.warn("call records: the database is behind; {} of call {} not written ({} so far)", what, callId, n);
      }
    }
  }

  /**
   * What went wrong without the row: a database's message may quote the values it refused, and
   * those can be what a caller said.
   */
  static String complaint(RuntimeException e) {
    Throwable cause = e instanceof DataAccessException d ? d.getMostSpecificCause() : e;
    return cause instanceof java.sql.SQLException sql
        ? sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")"
        : cause.getClass().getSimpleName();
  }

  static OffsetDateTime time(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
