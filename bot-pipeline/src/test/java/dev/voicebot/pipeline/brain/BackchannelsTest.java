package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.Dialplan;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackchannelsTest {

  private final Backchannels defaults = Backchannels.of(Dialplan.DEFAULT_BACKCHANNELS);

  @Test
  void theDefaultBackchannelsMatchHoweverTheRecognizerSpellsThem() {
    assertThat(defaults.matches("mm-hmm")).isTrue();
    assertThat(defaults.matches("mm hmm")).isTrue();
    assertThat(defaults.matches("Uh-huh.")).isTrue();
    assertThat(defaults.matches("OK")).isTrue();
    assertThat(defaults.matches("I see")).isTrue();
    assertThat(defaults.matches("yeah yeah right")).isTrue();
  }

  @Test
  void anyOtherWordMakesItARealInterruption() {
    assertThat(defaults.matches("okay but when are you open")).isFalse();
    assertThat(defaults.matches("yes")).isFalse();
    assertThat(defaults.matches("see")).isFalse();
    assertThat(defaults.matches("")).isFalse();
  }

  @Test
  void wordlessTextIsNoise() {
    assertThat(Backchannels.isWordless("")).isTrue();
    assertThat(Backchannels.isWordless("[unk]")).isTrue();
    assertThat(Backchannels.isWordless("uh")).isFalse();
  }

  @Test
  void aDialplanChoosesItsOwnListAndDefaultsToTheCommonOnes() {
    Dialplan plain = SampleDialplan.create();
    assertThat(plain.backchannels()).isEqualTo(Dialplan.DEFAULT_BACKCHANNELS);
    Dialplan custom = plain.withBackchannels(List.of("d'accord", "oui"));
    assertThat(Backchannels.of(custom.backchannels()).matches("oui")).isTrue();
    assertThat(Backchannels.of(custom.backchannels()).matches("okay")).isFalse();
    assertThat(custom.withLlm(dev.voicebot.pipeline.dialplan.LlmSettings.of(java.net.URI.create("http://localhost:1"),
        "m", "p")).backchannels()).containsExactly("d'accord", "oui");
    assertThat(Backchannels.of(List.of()).matches("okay")).isFalse();
  }
}
