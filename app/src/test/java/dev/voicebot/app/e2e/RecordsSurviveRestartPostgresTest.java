package dev.voicebot.app.e2e;

import dev.voicebot.app.harness.ThrowawayPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** The same against a real PostgreSQL 15, started for the test and stopped after it. */
@Timeout(300)
class RecordsSurviveRestartPostgresTest extends RecordsSurviveRestartContract {

  private ThrowawayPostgres postgres;

  @BeforeEach
  void startPostgres() throws Exception {
    postgres = ThrowawayPostgres.start(41900, 41999);
  }

  @AfterEach
  void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  int sipPort() {
    return 41160;
  }

  @Override
  int rtpMin() {
    return 42500;
  }

  @Override
  Map<String, Object> database() {
    return Map.of("spring.datasource.url", postgres.jdbcUrl(), "spring.datasource.username", postgres.user(),
        "spring.datasource.password", "");
  }
}
