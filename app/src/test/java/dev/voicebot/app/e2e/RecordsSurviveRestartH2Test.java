package dev.voicebot.app.e2e;

import java.util.Map;
import org.junit.jupiter.api.Timeout;

/** The default database: embedded H2 in a file in the bot's work directory (RunningBot's default). */
@Timeout(240)
class RecordsSurviveRestartH2Test extends RecordsSurviveRestartContract {

  @Override
  int sipPort() {
    return 41060;
  }

  @Override
  int rtpMin() {
    return 42000;
  }

  @Override
  Map<String, Object> database() {
    return Map.of();
  }
}
