package dev.voicebot.app.records.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.app.records.EventKind;
import dev.voicebot.app.records.Outcome;
import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The records as the app writes them (store → writer thread → H2 in file mode, migrated by
 * Flyway) and reads them back: every piece of a call survives normalised into its tables, and the
 * list pages and filters.
 */
class CallRecordDatabaseTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;
  CallRecordWriter writer;
  CallRecordQueries queries;
  CallRecordStore store;

  @BeforeEach
  void database() throws Exception {
    var dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
        "jdbc:h2:file:" + dir.resolve("records") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    var jdbc = JdbcClient.create(dataSource);
    writer = new CallRecordWriter(jdbc);
    queries = new CallRecordQueries(jdbc);
    store = new CallRecordStore(10, Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC), writer);
  }

  @AfterEach
  void close() throws InterruptedException {
    writer.close();
  }

  @Test
  void everyPartOfACallIsStoredAndReadBackWhole() throws Exception {
    store.started("call-1@host", "sip:alice@192.0.2.1", "100", "Acme demo", T0);
    store.recording("call-1@host", "20260301T100000Z-call-1_host.wav");
    store.said("call-1@host", "BOT", "Thank you for calling Acme.");
    store.said("call-1@host", "CALLER", "what are your opening hours");
    store.turn("call-1@host", new CallRecord.Turn("what are your opening hours", "hours", "We are open nine to five.",
        210L, 80L, 3L, null, 300L, 20L, 320L));
    store.event("call-1@host", EventKind.DTMF, "5");
    store.event("call-1@host", EventKind.HOLD, "SENDONLY");
    var media = new RtpStats(900, 950, 2, 1, 0, 0, 3, 1, 0, 0, 4, 4, 40, 2, 1);
    var quality = new CallQuality(0.2, Double.NaN, 1.5, Double.NaN, 40, 92.1, 4.39);
    var echo = new EchoReport(60, 12.5, 18.2, 20.1, 25.0, 7, true, 1.2, 12.0, 500, 30, 1, 0, 2, 0);
    store.ended("call-1@host", T0.plusSeconds(30), "caller hung up", Outcome.CALLER_HUNG_UP, media, quality, echo);
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    CallRecord stored = queries.find("call-1@host").orElseThrow();
    CallRecord inMemory = store.find("call-1@host").orElseThrow();
    assertThat(stored).as("record equality: NaN equals NaN").isEqualTo(inMemory);
    assertThat(stored.quality().remoteLossPercent()).as("not measured stays not measured").isNaN();
    assertThat(stored.outcome()).isEqualTo("caller-hung-up");
    assertThat(stored.events()).extracting(CallRecord.Event::kind).containsExactly("dtmf", "hold");
    assertThat(writer.failedWrites()).isZero();
  }

  @Test
  void theListPagesNewestFirstAndFiltersByTimeNumberDialplanAndOutcome() throws Exception {
    for (int i = 0; i < 7; i++) {
      String id = "c" + i;
      store.started(id, "sip:caller" + (i % 2) + "@192.0.2.9", i < 4 ? "100" : "200", i < 4 ? "demo" : "sales",
          T0.plus(Duration.ofMinutes(i)));
      store.ended(id, T0.plus(Duration.ofMinutes(i)).plusSeconds(20), "x",
          i % 3 == 0 ? Outcome.BOT_HUNG_UP : Outcome.CALLER_HUNG_UP, null, null, null);
    }
    store.started("live", "sip:caller9@192.0.2.9", "100", "demo", T0.plus(Duration.ofMinutes(10)));
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    var first = queries.page(query(null, null, null, null, null, 3, 0));
    var second = queries.page(query(null, null, null, null, null, 3, 3));
    var last = queries.page(query(null, null, null, null, null, 3, 6));
    assertThat(first.total()).isEqualTo(8);
    assertThat(ids(first)).containsExactly("live", "c6", "c5");
    assertThat(ids(second)).containsExactly("c4", "c3", "c2");
    assertThat(ids(last)).containsExactly("c1", "c0");

    assertThat(ids(queries.page(query(T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(5)), null, null,
        null, 50, 0)))).as("since inclusive, until exclusive").containsExactly("c4", "c3", "c2");
    assertThat(ids(queries.page(query(null, null, "200", null, null, 50, 0)))).containsExactly("c6", "c5", "c4");
    assertThat(ids(queries.page(query(null, null, "caller1", null, null, 50, 0))))
        .as("a part of the caller's URI").containsExactly("c5", "c3", "c1");
    assertThat(ids(queries.page(query(null, null, "caller_", null, null, 50, 0))))
        .as("LIKE's wildcards are literal").isEmpty();
    assertThat(ids(queries.page(query(null, null, null, "sales", null, 50, 0)))).containsExactly("c6", "c5", "c4");
    assertThat(ids(queries.page(query(null, null, null, "demo", "bot-hung-up", 50, 0))))
        .containsExactly("c3", "c0");
    assertThat(ids(queries.page(query(null, null, null, null, "active", 50, 0)))).containsExactly("live");
  }

  @Test
  void aCallLeftOpenByADeadAppIsClosedAsInterruptedAtItsLastWord() throws Exception {
    store.started("cut", "sip:a@192.0.2.1", "100", "demo", T0);
    store.said("cut", "BOT", "Thank you for calling.");
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    assertThat(queries.closeUnfinished("bot-a")).isEqualTo(1);

    CallRecord closed = queries.find("cut").orElseThrow();
    assertThat(closed.outcome()).isEqualTo("interrupted");
    assertThat(closed.endedAt()).isEqualTo(closed.transcript().getLast().at());
    assertThat(queries.closeUnfinished("bot-a")).isZero();
  }

  @Test
  void aStartingInstanceClosesOnlyItsOwnOpenCallsNotThoseOfAnotherInstanceSharingTheDatabase() throws Exception {
    var clock = Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC);
    var a = new CallRecordStore(10, clock, writer, "bot-a");
    var b = new CallRecordStore(10, clock, writer, "bot-b");
    a.started("on-a", "sip:a@192.0.2.1", "100", "demo", T0);
    b.started("on-b", "sip:b@192.0.2.1", "100", "demo", T0);
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    assertThat(queries.closeUnfinished("bot-a")).as("bot-a restarted").isEqualTo(1);

    assertThat(queries.find("on-a").orElseThrow().outcome()).isEqualTo("interrupted");
    CallRecord live = queries.find("on-b").orElseThrow();
    assertThat(live.endedAt()).as("bot-b's call goes on").isNull();
    assertThat(live.instance()).isEqualTo("bot-b");
    assertThat(queries.find("on-a").orElseThrow().instance()).isEqualTo("bot-a");
  }

  @Test
  void retentionDeletesOldCallsWithEverythingOfTheirs() throws Exception {
    store.started("old", "sip:a@192.0.2.1", "100", "demo", T0.minus(Duration.ofDays(100)));
    store.said("old", "BOT", "Hello");
    store.event("old", EventKind.DTMF, "1");
    store.ended("old", T0.minus(Duration.ofDays(100)).plusSeconds(9), "x", Outcome.BOT_HUNG_UP,
        new RtpStats(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0), null, EchoReport.NONE);
    store.started("new", "sip:a@192.0.2.1", "100", "demo", T0);
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    assertThat(queries.deleteStartedBefore(T0.minus(Duration.ofDays(90)))).isEqualTo(1);

    assertThat(queries.find("old")).isEmpty();
    assertThat(queries.find("new")).isPresent();
  }

  private static CallQuery query(Instant since, Instant until, String number, String dialplan, String outcome,
      int limit, int offset) {
    return new CallQuery(Optional.ofNullable(since), Optional.ofNullable(until), Optional.ofNullable(number),
        Optional.ofNullable(dialplan), Optional.ofNullable(outcome), limit, offset);
  }

  private static java.util.List<String> ids(CallQuery.Page<CallRecord> page) {
    return page.items().stream().map(CallRecord::callId).toList();
  }
}
