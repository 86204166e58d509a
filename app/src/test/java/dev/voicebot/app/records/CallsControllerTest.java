package dev.voicebot.app.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.db.CallRecordQueries;
import dev.voicebot.app.records.db.CallRecordWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * {@code /api/calls} over the database: still a JSON array of records (what clients of the
 * in-memory list read), now a page of it with the total in a header, filtered by the query
 * parameters; a call on now shows its latest words; a recording is served as audio/wav.
 */
class CallsControllerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;
  CallRecordWriter writer;
  CallRecordStore store;
  Recordings recordings;
  MockMvc mvc;

  @BeforeEach
  void app() throws Exception {
    var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("db"), "sa", "");
    Flyway.configure().dataSource(dataSource).load().migrate();
    var jdbc = JdbcClient.create(dataSource);
    writer = new CallRecordWriter(jdbc);
    store = new CallRecordStore(2, Clock.fixed(T0, ZoneOffset.UTC), writer);
    recordings = new Recordings(dir.resolve("recordings"), true);
    mvc = MockMvcBuilders.standaloneSetup(new CallsController(store, new CallRecordQueries(jdbc), recordings))
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
    recordings.close();
  }

  @Test
  void theListIsAPageOfRecordsNewestFirstWithTheTotalInAHeader() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.started("c" + i, "sip:caller@192.0.2.9", "100", i % 2 == 0 ? "demo" : "sales", T0.plusSeconds(i));
      store.ended("c" + i, T0.plusSeconds(i + 1), "caller hung up", Outcome.CALLER_HUNG_UP, null, null, null);
    }
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    mvc.perform(get("/api/calls"))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Total-Count", "5"))
        .andExpect(jsonPath("$.length()").value(5))
        .andExpect(jsonPath("$[0].callId").value("c4"));
    mvc.perform(get("/api/calls").param("limit", "2").param("offset", "2"))
        .andExpect(header().string("X-Total-Count", "5"))
        .andExpect(jsonPath("$[*].callId").value(org.hamcrest.Matchers.contains("c2", "c1")));
    mvc.perform(get("/api/calls").param("dialplan", "sales").param("outcome", "caller-hung-up")
            .param("since", "2026-03-01T10:00:02Z").param("number", "100"))
        .andExpect(header().string("X-Total-Count", "1"))
        .andExpect(jsonPath("$[*].callId").value(org.hamcrest.Matchers.contains("c3")));
  }

  @Test
  void badPagingOrTimesAreRefusedWithTheReason() throws Exception {
    mvc.perform(get("/api/calls").param("limit", "0")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/calls").param("limit", "501")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/calls").param("offset", "-1")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/calls").param("since", "yesterday")).andExpect(status().isBadRequest());
  }

  @Test
  void aCallOnNowShowsItsLatestWordsAndOneFromLongAgoComesFromTheDatabase() throws Exception {
    store.started("old", "sip:a@192.0.2.1", "100", "demo", T0.minusSeconds(60));
    store.ended("old", T0.minusSeconds(50), "bot hung up", Outcome.BOT_HUNG_UP, null, null, null);
    for (int i = 0; i < 3; i++) { // push "old" out of the two finished calls kept in memory
      store.started("filler" + i, "sip:a@192.0.2.1", "100", "demo", T0.minusSeconds(40 - i));
      store.ended("filler" + i, T0.minusSeconds(30), "x", Outcome.BOT_HUNG_UP, null, null, null);
    }
    store.started("live", "sip:a@192.0.2.1", "100", "demo", T0);
    store.said("live", "BOT", "Thank you for calling Acme.");
    assertThat(store.find("old")).isEmpty();
    assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();

    mvc.perform(get("/api/calls/old")).andExpect(status().isOk())
        .andExpect(jsonPath("$.outcome").value("bot-hung-up"));
    mvc.perform(get("/api/calls/live")).andExpect(status().isOk())
        .andExpect(jsonPath("$.transcript[0].text").value("Thank you for calling Acme."))
        .andExpect(jsonPath("$.endedAt").doesNotExist());
    mvc.perform(get("/api/calls/nobody")).andExpect(status().isNotFound());
  }

  @Test
  void aRecordingIsServedAsWavAndACallWithoutOneIsNotFound() throws Exception {
    store.started("rec", "sip:a@192.0.2.1", "100", "demo", T0);
    var recorder = recordings.open("rec", T0).orElseThrow();
    store.recording("rec", recorder.fileName());
    recorder.bot(new short[320]);
    recorder.finish();
    store.started("plain", "sip:a@192.0.2.1", "100", "demo", T0);

    long deadline = System.nanoTime() + 5_000_000_000L;
    byte[] wav = new byte[0];
    while (wav.length < 44 + 1280 && System.nanoTime() < deadline) { // the writer drains within 200 ms
      Thread.sleep(50);
      wav = mvc.perform(get("/api/calls/rec/recording.wav")).andExpect(status().isOk())
          .andExpect(content().contentType("audio/wav")).andReturn().getResponse().getContentAsByteArray();
    }
    assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(wav).hasSize(44 + 1280);
    mvc.perform(get("/api/calls/plain/recording.wav")).andExpect(status().isNotFound());
  }
}
