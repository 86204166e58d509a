package dev.voicebot.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferTargetTest {

  @Test
  void acceptsSipSipsAndTelUris() {
    assertThat(ReferTarget.check("sip:agent@pbx.example.com")).isEqualTo("sip:agent@pbx.example.com");
    assertThat(ReferTarget.check(" <sips:agent@pbx.example.com:5061> "))
        .isEqualTo("sips:agent@pbx.example.com:5061");
    assertThat(ReferTarget.check("tel:+15551234567")).isEqualTo("tel:+15551234567");
  }

  @Test
  void rejectsOtherSchemesAndEmptyTargets() {
    assertThatThrownBy(() -> ReferTarget.check("http://evil")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferTarget.check("agent@pbx")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferTarget.check("sip:")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferTarget.check(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsCharactersThatWouldInjectHeaders() {
    assertThatThrownBy(() -> ReferTarget.check("sip:a@b\r\nX-Evil: 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReferTarget.check("sip:a@b>;x=<sip:c@d"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
