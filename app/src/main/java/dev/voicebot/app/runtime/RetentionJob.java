package dev.voicebot.app.runtime;

import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.db.CallRecordQueries;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes call records and recordings past their retention, a minute after start and then every
 * cleanup interval, on a thread of its own (a large delete must not hold up anything else). Also
 * closes the records of calls that have been open longer than any call may last: with several
 * instances on one database, an instance that died and came back under another name (a replaced
 * container) leaves them, and each instance closes only its own at start.
 */
final class RetentionJob implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
  private static final Duration FIRST_RUN = Duration.ofMinutes(1);
  /** Beyond the longest call: its goodbye, a drain's deadline, a clock a little off between hosts. */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  private final VoicebotProperties.Records records;
  private final VoicebotProperties.Recordings recordingSettings;
  private final CallRecordQueries queries;
  private final Recordings recordings;
  private final Clock clock;
  private final Duration longestCall;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("retention").daemon(true).factory());

  private RetentionJob(VoicebotProperties.Records records, VoicebotProperties.Recordings recordingSettings,
      CallRecordQueries queries, Recordings recordings, Clock clock, Duration longestCall) {
    this.records = records;
    this.recordingSettings = recordingSettings;
    this.queries = queries;
    this.recordings = recordings;
    this.clock = clock;
    this.longestCall = longestCall;
  }

  /** @param longestCall {@code voicebot.conversation.max-call-duration}: no call stays open longer */
  static RetentionJob start(VoicebotProperties.Records records, VoicebotProperties.Recordings recordingSettings,
      CallRecordQueries queries, Recordings recordings, Clock clock, Duration longestCall) {
    var job = new RetentionJob(records, recordingSettings, queries, recordings, clock, longestCall);
    long every = Math.max(1, records.cleanupInterval().toSeconds());
    job.scheduler.scheduleWithFixedDelay(job::run, FIRST_RUN.toSeconds(), every, TimeUnit.SECONDS);
    return job;
  }

  /** One pass; failures are logged and the next pass tries again. */
  void run() {
    var now = clock.instant();
    try {
      int abandoned = queries.closeAbandoned(now.minus(longestCall).minus(ABANDONED_AFTER));
      if (abandoned > 0) {
        log.warn("{} call records were left open by an instance that stopped during their calls", abandoned);
      }
      if (!records.retention().isZero()) {
        int calls = queries.deleteStartedBefore(now.minus(records.retention()));
        if (calls > 0) {
          log.info("Retention: deleted {} call records older than {}", calls, records.retention());
        }
      }
      if (!recordingSettings.retention().isZero()) {
        int files = recordings.deleteOlderThan(now.minus(recordingSettings.retention()));
        if (files > 0) {
          log.info("Retention: deleted {} recordings older than {}", files, recordingSettings.retention());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Retention pass failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
