package dev.voicebot.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.access.RateLimits;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The rate-limit settings as written in application.yaml reach the SIP configuration records. */
class RatePropertiesTest {

  private static RateLimits bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("voicebot", VoicebotProperties.class).sip().rateLimit().limits();
  }

  @Test
  void byDefaultOthersHaveTheScannerLimitAndTrunksAndAllowedSourcesNone() {
    assertThat(bind(Map.of())).isEqualTo(new RateLimits(new RateLimit(20, 40, 10_000), Optional.empty()));
  }

  @Test
  void aTrustedRateWithoutABurstGetsTwiceItsRateAsBurst() {
    RateLimits limits = bind(Map.of("voicebot.sip.rate-limit.trusted-per-second", "100"));

    assertThat(limits.trusted()).contains(new RateLimit(100, 200, 10_000));
  }

  @Test
  void everyLimitCanBeSet() {
    RateLimits limits = bind(Map.of(
        "voicebot.sip.rate-limit.per-second", "5",
        "voicebot.sip.rate-limit.burst", "10",
        "voicebot.sip.rate-limit.max-sources", "500",
        "voicebot.sip.rate-limit.trusted-per-second", "300",
        "voicebot.sip.rate-limit.trusted-burst", "1000"));

    assertThat(limits).isEqualTo(new RateLimits(new RateLimit(5, 10, 500), Optional.of(new RateLimit(300, 1000, 500))));
  }
}
