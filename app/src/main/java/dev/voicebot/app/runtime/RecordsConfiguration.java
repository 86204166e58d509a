package dev.voicebot.app.runtime;

import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.console.LiveEvents;
import dev.voicebot.app.console.LiveSink;
import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.app.records.db.CallRecordQueries;
import dev.voicebot.app.records.db.CallRecordWriter;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Call records and recordings. The database comes from {@code spring.datasource.*} (Flyway
 * migrates it before the JdbcClient is handed out). Shutdown order follows the dependencies: the
 * calls end first (the SIP drain), then the record writer and the recordings writer empty their
 * queues, then the connection pool closes.
 */
@Configuration(proxyBeanMethods = false)
public class RecordsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RecordsConfiguration.class);
  /** Finished calls kept in memory besides the database: the tests' and the API's recent view. */
  private static final int RECENT_CALLS = 500;

  @Bean(destroyMethod = "close")
  CallRecordWriter callRecordWriter(JdbcClient jdbc) {
    return new CallRecordWriter(jdbc);
  }

  @Bean
  CallRecordQueries callRecordQueries(JdbcClient jdbc) {
    return new CallRecordQueries(jdbc);
  }

  @Bean
  InstanceId instanceId(VoicebotProperties properties) {
    InstanceId id = InstanceId.of(properties);
    log.info("Instance {} (its call records say so)", id.value());
    return id;
  }

  /** Closes the records an earlier run of this instance left open before this run records its first call. */
  @Bean
  CallRecordStore callRecordStore(Clock clock, CallRecordWriter writer, CallRecordQueries queries, LiveEvents live,
      InstanceId instance) {
    int unfinished = queries.closeUnfinished(instance.value());
    if (unfinished > 0) {
      log.warn("{} call records were left open by a previous run that stopped during their calls", unfinished);
    }
    // The console hears of each piece as the database does.
    return new CallRecordStore(RECENT_CALLS, clock, new LiveSink(writer, live), instance.value());
  }

  @Bean(destroyMethod = "close")
  Recordings recordings(VoicebotProperties properties) throws IOException {
    var config = properties.recordings();
    var recordings = new Recordings(config.directory(), config.enabled());
    log.info("Call recordings {}", config.enabled() ? "in " + recordings.directory() : "off");
    return recordings;
  }

  @Bean(destroyMethod = "close")
  RetentionJob retentionJob(VoicebotProperties properties, CallRecordQueries queries, Recordings recordings,
      Clock clock) {
    return RetentionJob.start(properties.records(), properties.recordings(), queries, recordings, clock,
        properties.conversation().maxCallDuration());
  }
}
