package dev.voicebot.app.records.db;

import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.Outcome;
import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads call records back from the database: a filtered page of calls, or one call, each whole
 * (its lines, turns, events, media, quality and echo findings loaded for the page in one query per
 * table, not one per call). Also the housekeeping: retention, and closing the records of calls an
 * earlier run of the app never saw end.
 */
public final class CallRecordQueries {

  private static final String CALL_COLUMNS =
      "call_id, from_uri, to_number, dialplan, started_at, ended_at, end_reason, outcome, recording, instance";

  private final JdbcClient jdbc;

  public CallRecordQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public CallQuery.Page<CallRecord> page(CallQuery query) {
    var where = new StringBuilder(" WHERE 1 = 1");
    var params = new ArrayList<>();
    query.since().ifPresent(t -> {
      where.append(" AND started_at >= ?");
      params.add(CallRecordWriter.time(t));
    });
    query.until().ifPresent(t -> {
      where.append(" AND started_at < ?");
      params.add(CallRecordWriter.time(t));
    });
    query.number().ifPresent(n -> {
      where.append(" AND (to_number = ? OR from_uri LIKE ? ESCAPE '!')");
      params.add(n);
      params.add("%" + n.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    });
    query.dialplan().ifPresent(d -> {
      where.append(" AND dialplan = ?");
      params.add(d);
    });
    query.outcome().ifPresent(o -> {
      if (o.equals(CallQuery.ACTIVE)) {
        where.append(" AND ended_at IS NULL");
      } else {
        where.append(" AND outcome = ?");
        params.add(o);
      }
    });
    long total = jdbc.sql("SELECT COUNT(*) FROM calls" + where).params(params).query(Long.class).single();
    var pageParams = new ArrayList<>(params);
    pageParams.add(query.offset());
    pageParams.add(query.limit());
    List<Header> headers = jdbc.sql("SELECT " + CALL_COLUMNS + " FROM calls" + where
            + " ORDER BY started_at DESC, call_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
        .params(pageParams)
        .query((rs, n) -> header(rs))
        .list();
    return new CallQuery.Page<>(whole(headers), total);
  }

  public Optional<CallRecord> find(String callId) {
    List<Header> headers = jdbc.sql("SELECT " + CALL_COLUMNS + " FROM calls WHERE call_id = ?")
        .param(callId)
        .query((rs, n) -> header(rs))
        .list();
    return whole(headers).stream().findFirst();
  }

  /** The recording file of a call, if it has one. */
  public Optional<String> recording(String callId) {
    return jdbc.sql("SELECT recording FROM calls WHERE call_id = ?").param(callId)
        .query(String.class).optional();
  }

  /** Deletes the calls that started before {@code cutoff}, with everything of theirs; how many. */
  public int deleteStartedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM calls WHERE started_at < ?").param(CallRecordWriter.time(cutoff)).update();
  }

  /**
   * Calls with no end are calls an earlier run of this app was holding when it died: they end, as
   * far as the record knows, at the last thing said or done on them. Only this instance's calls
   * (and unnamed ones, recorded before instances had names): other instances sharing the database
   * hold live calls of their own.
   */
  public int closeUnfinished(String instance) {
    return close("(instance IS NULL OR instance = ?)", instance, "the app stopped during the call");
  }

  /**
   * Calls of any instance still open though they started before {@code cutoff} (longer ago than
   * any call may last): their instance stopped during them and never came back under its name
   * (a replaced container), so no one else would ever close them.
   */
  public int closeAbandoned(Instant cutoff) {
    return close("started_at < ?", CallRecordWriter.time(cutoff),
        "the call's instance stopped during the call and did not come back");
  }

  private int close(String which, Object param, String reason) {
    return jdbc.sql("UPDATE calls SET outcome = ?, end_reason = ?, ended_at = COALESCE("
            + "(SELECT MAX(said_at) FROM call_lines WHERE call_lines.call_id = calls.call_id), started_at)"
            + " WHERE ended_at IS NULL AND " + which)
        .params(Outcome.INTERRUPTED.label(), reason, param)
        .update();
  }

  private List<CallRecord> whole(List<Header> headers) {
    if (headers.isEmpty()) {
      return List.of();
    }
    List<String> ids = headers.stream().map(Header::callId).toList();
    String in = " WHERE call_id IN (" + RecordColumns.placeholders(ids.size()) + ") ORDER BY call_id, seq";
    Map<String, List<CallRecord.Line>> lines = grouped(
        "SELECT call_id, said_at, speaker, words FROM call_lines" + in, ids,
        rs -> new CallRecord.Line(instant(rs, "said_at"), rs.getString("speaker"), rs.getString("words")));
    Map<String, List<CallRecord.Turn>> turns = grouped(
        "SELECT * FROM call_turns" + in, ids,
        rs -> new CallRecord.Turn(rs.getString("caller_text"), rs.getString("intent"), rs.getString("reply"),
            nullableLong(rs, "endpoint_ms"), nullableLong(rs, "stt_ms"), nullableLong(rs, "brain_ms"),
            nullableLong(rs, "tts_ms"), nullableLong(rs, "response_ms"), nullableLong(rs, "playout_ms"),
            nullableLong(rs, "first_packet_ms")));
    Map<String, List<CallRecord.Event>> events = grouped(
        "SELECT call_id, event_at, kind, detail FROM call_events" + in, ids,
        rs -> new CallRecord.Event(instant(rs, "event_at"), rs.getString("kind"), rs.getString("detail")));
    Map<String, RtpStats> media = single(CallRecordWriter.MEDIA, ids);
    Map<String, CallQuality> quality = single(CallRecordWriter.QUALITY, ids);
    Map<String, EchoReport> echo = single(CallRecordWriter.ECHO, ids);
    return headers.stream().map(h -> new CallRecord(h.callId, h.from, h.to, h.dialplan, h.startedAt, h.endedAt,
            h.endReason, lines.getOrDefault(h.callId, List.of()), turns.getOrDefault(h.callId, List.of()),
            media.get(h.callId), quality.get(h.callId), echo.get(h.callId), h.outcome,
            events.getOrDefault(h.callId, List.of()), h.recording, h.instance))
        .toList();
  }

  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Map<String, List<T>> grouped(String sql, List<String> ids, Row<T> row) {
    Map<String, List<T>> out = new HashMap<>();
    jdbc.sql(sql).params(ids).query(rs -> {
      out.computeIfAbsent(rs.getString("call_id"), k -> new ArrayList<>()).add(row.read(rs));
    });
    return out;
  }

  private <R extends Record> Map<String, R> single(RecordColumns<R> columns, List<String> ids) {
    Map<String, R> out = new LinkedHashMap<>();
    jdbc.sql(columns.selectSql(ids.size())).params(ids).query(rs -> {
      out.put(rs.getString("call_id"), columns.read(rs));
    });
    return out;
  }

  private record Header(String callId, String from, String to, String dialplan, Instant startedAt, Instant endedAt,
      String endReason, String outcome, String recording, String instance) {}

  private static Header header(ResultSet rs) throws SQLException {
    return new Header(rs.getString("call_id"), rs.getString("from_uri"), rs.getString("to_number"),
        rs.getString("dialplan"), instant(rs, "started_at"), instant(rs, "ended_at"), rs.getString("end_reason"),
        rs.getString("outcome"), rs.getString("recording"), rs.getString("instance"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
