-- Call records. Plain SQL that H2 (file mode) and PostgreSQL both take as written.
-- One row per call; its lines, turns and events each in their own table, numbered in call order;
-- the media counters, network quality and echo findings (known at the call's end) one row each.
CREATE TABLE calls (
  call_id     VARCHAR(512)  NOT NULL PRIMARY KEY,
  from_uri    VARCHAR(1024) NOT NULL,
  to_number   VARCHAR(255)  NOT NULL,
  dialplan    VARCHAR(255)  NOT NULL,
  started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at    TIMESTAMP WITH TIME ZONE,
  end_reason  VARCHAR(1024),
  outcome     VARCHAR(32),
  recording   VARCHAR(512)
);
CREATE INDEX calls_started_at ON calls (started_at);
CREATE INDEX calls_to_number ON calls (to_number);
CREATE INDEX calls_dialplan ON calls (dialplan);
CREATE INDEX calls_outcome ON calls (outcome);

CREATE TABLE call_lines (
  call_id  VARCHAR(512) NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
  seq      INTEGER      NOT NULL,
  said_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  speaker  VARCHAR(16)  NOT NULL,
  words    VARCHAR(10000) NOT NULL,
  PRIMARY KEY (call_id, seq)
);

CREATE TABLE call_turns (
  call_id          VARCHAR(512) NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
  seq              INTEGER      NOT NULL,
  caller_text      VARCHAR(10000),
  intent           VARCHAR(255),
  reply            VARCHAR(10000),
  endpoint_ms      BIGINT,
  stt_ms           BIGINT,
  brain_ms         BIGINT,
  tts_ms           BIGINT,
  response_ms      BIGINT,
  playout_ms       BIGINT,
  first_packet_ms  BIGINT,
  PRIMARY KEY (call_id, seq)
);

CREATE TABLE call_events (
  call_id   VARCHAR(512) NOT NULL REFERENCES calls (call_id) ON DELETE CASCADE,
  seq       INTEGER      NOT NULL,
  event_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  kind      VARCHAR(32)  NOT NULL,
  detail    VARCHAR(1024),
  PRIMARY KEY (call_id, seq)
);

-- RtpStats
CREATE TABLE call_media (
  call_id              VARCHAR(512) NOT NULL PRIMARY KEY REFERENCES calls (call_id) ON DELETE CASCADE,
  packets_received     BIGINT  NOT NULL,
  packets_sent         BIGINT  NOT NULL,
  packets_lost         BIGINT  NOT NULL,
  packets_late         BIGINT  NOT NULL,
  packets_duplicate    BIGINT  NOT NULL,
  packets_malformed    BIGINT  NOT NULL,
  packets_foreign      BIGINT  NOT NULL,
  dtmf_digits          BIGINT  NOT NULL,
  packets_overflowed   BIGINT  NOT NULL,
  dtmf_digits_sent     BIGINT  NOT NULL,
  rtcp_sent            BIGINT  NOT NULL,
  rtcp_received        BIGINT  NOT NULL,
  jitter_target_millis INTEGER NOT NULL,
  jitter_grows         BIGINT  NOT NULL,
  jitter_shrinks       BIGINT  NOT NULL
);

-- CallQuality; NULL where the value is not known (NaN)
CREATE TABLE call_quality (
  call_id               VARCHAR(512) NOT NULL PRIMARY KEY REFERENCES calls (call_id) ON DELETE CASCADE,
  loss_percent          DOUBLE PRECISION,
  remote_loss_percent   DOUBLE PRECISION,
  jitter_millis         DOUBLE PRECISION,
  round_trip_millis     DOUBLE PRECISION,
  one_way_delay_millis  DOUBLE PRECISION,
  r_factor              DOUBLE PRECISION,
  mos                   DOUBLE PRECISION
);
CREATE INDEX call_quality_mos ON call_quality (mos);

-- EchoReport; NULL where the value is not known (NaN)
CREATE TABLE call_echo (
  call_id               VARCHAR(512) NOT NULL PRIMARY KEY REFERENCES calls (call_id) ON DELETE CASCADE,
  delay_millis          INTEGER NOT NULL,
  echo_seconds          DOUBLE PRECISION,
  erle_db               DOUBLE PRECISION,
  converged_erle_db     DOUBLE PRECISION,
  erle_with_muting_db   DOUBLE PRECISION,
  frames_muted          BIGINT  NOT NULL,
  echo_detected         BOOLEAN NOT NULL,
  detected_at_seconds   DOUBLE PRECISION,
  erl_db                DOUBLE PRECISION,
  engaged_frames        BIGINT  NOT NULL,
  double_talk_frames    BIGINT  NOT NULL,
  divergence_resets     INTEGER NOT NULL,
  slow_frames           BIGINT  NOT NULL,
  playout_shifts        INTEGER NOT NULL,
  realignments          INTEGER NOT NULL
);
