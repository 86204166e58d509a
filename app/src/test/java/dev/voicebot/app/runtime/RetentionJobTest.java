package dev.voicebot.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.app.records.Outcome;
import dev.voicebot.app.records.db.CallRecordQueries;
import dev.voicebot.app.records.db.CallRecordWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A retention pass deletes the records and the recordings past their own retention, and only
 * those, and closes calls left open longer than any call may last.
 */
class RetentionJobTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void aPassDeletesRecordsAndRecordingsPastTheirRetentionKeepsTheRestAndClosesAbandonedCalls() throws Exception {
    var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("db"), "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    var jdbc = JdbcClient.create(dataSource);
    var queries = new CallRecordQueries(jdbc);
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (var writer = new CallRecordWriter(jdbc); var recordings = new Recordings(dir.resolve("rec"), true)) {
      var store = new CallRecordStore(10, clock, writer);
      for (int days : new int[] {100, 10}) {
        String id = "call-" + days;
        store.started(id, "sip:a@192.0.2.1", "100", "demo", NOW.minus(Duration.ofDays(days)));
        store.ended(id, NOW.minus(Duration.ofDays(days)).plusSeconds(30), "x", Outcome.BOT_HUNG_UP, null, null, null);
      }
      // Open calls of an instance that died and never came back: one from before the longest call
      // (10 min) and the margin, one that may still be on.
      var gone = new CallRecordStore(10, clock, writer, "bot-gone");
      gone.started("abandoned", "sip:b@192.0.2.1", "100", "demo", NOW.minus(Duration.ofMinutes(30)));
      gone.started("maybe-on", "sip:b@192.0.2.1", "100", "demo", NOW.minus(Duration.ofMinutes(12)));
      assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
      Path old = Files.write(dir.resolve("rec/old.wav"), new byte[44]);
      Files.setLastModifiedTime(old, FileTime.from(NOW.minus(Duration.ofDays(40))));
      Path recent = Files.write(dir.resolve("rec/recent.wav"), new byte[44]);
      Files.setLastModifiedTime(recent, FileTime.from(NOW.minus(Duration.ofDays(20))));

      try (var job = RetentionJob.start(new VoicebotProperties.Records(Duration.ofDays(90), Duration.ofHours(1)),
          new VoicebotProperties.Recordings(true, dir.resolve("rec"), Duration.ofDays(30)), queries, recordings,
          clock, Duration.ofMinutes(10))) {
        job.run();
      }

      assertThat(queries.find("call-100")).isEmpty();
      assertThat(queries.find("call-10")).isPresent();
      assertThat(old).doesNotExist();
      assertThat(recent).exists();
      assertThat(queries.find("abandoned").orElseThrow().outcome()).isEqualTo("interrupted");
      assertThat(queries.find("maybe-on").orElseThrow().endedAt()).as("may still be on").isNull();
    }
  }
}
