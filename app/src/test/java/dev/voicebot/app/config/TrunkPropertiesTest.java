package dev.voicebot.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.CodecOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Trunk and TLS settings as written in application.yaml reach the SIP configuration records. */
class TrunkPropertiesTest {

  private static VoicebotProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("voicebot", VoicebotProperties.class);
  }

  @Test
  void aTrunksCodecsAndCodecOrderAreBound() {
    VoicebotProperties p = bind(Map.of(
        "voicebot.sip.trunks[0].name", "carrier",
        "voicebot.sip.trunks[0].registrar", "sip.carrier.example",
        "voicebot.sip.trunks[0].transport", "tls",
        "voicebot.sip.trunks[0].username", "bot",
        "voicebot.sip.trunks[0].codecs", "PCMA,PCMU",
        "voicebot.sip.trunks[0].codec-order", "local"));

    TrunkConfig trunk = p.sip().trunks().getFirst();
    assertThat(trunk.codecs()).isEqualTo(List.of("PCMA", "PCMU"));
    assertThat(trunk.codecOrder()).isEqualTo(CodecOrder.LOCAL);
    assertThat(trunk.registrarAddress().port()).as("TLS default port").isEqualTo(5061);
  }

  @Test
  void aTrunkWithoutCodecSettingsFollowsTheGlobalOnes() {
    VoicebotProperties p = bind(Map.of(
        "voicebot.sip.trunks[0].name", "kamailio",
        "voicebot.sip.trunks[0].registrar", "192.0.2.20",
        "voicebot.sip.trunks[0].username", "bot"));

    TrunkConfig trunk = p.sip().trunks().getFirst();
    assertThat(trunk.codecs()).isEmpty();
    assertThat(trunk.codecOrder()).isNull();
    assertThat(trunk.hasOwnCodecChoice()).isFalse();
  }

  @Test
  void hostNameVerificationIsOnUnlessTurnedOff() {
    assertThat(bind(Map.of()).sip().tls().verifyHostname()).isTrue();
    assertThat(bind(Map.of("voicebot.sip.tls.verify-hostname", "false")).sip().tls().verifyHostname()).isFalse();
  }
}
