package dev.voicebot.sip.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrunkConfigTest {

  @Test
  void defaultsFillBlankFields() {
    TrunkConfig t = new TrunkConfig("carrier", "sip.example.net:5080", null, "4930123", "", "pw",
        null, null, null, null, null, List.of(), null);
    assertThat(t.transport()).isEqualTo("udp");
    assertThat(t.authUsername()).isEqualTo("4930123");
    assertThat(t.domain()).isEqualTo("sip.example.net");
    assertThat(t.expiry()).isEqualTo(Duration.ofHours(1));
    assertThat(t.nextHop()).isEqualTo(new HostPort("sip.example.net", 5080));
  }

  @Test
  void outboundProxyIsTheNextHop() {
    TrunkConfig t = new TrunkConfig("c", "reg.example", "tcp", "u", "auth", "pw", "", "example",
        Duration.ofSeconds(600), "[2001:db8::1]:5070", List.of("2001:db8::/64"), List.of(), null);
    assertThat(t.nextHop()).isEqualTo(new HostPort("[2001:db8::1]", 5070));
  }

  @Test
  void aTlsTrunkWithoutAPortMeans5061() {
    TrunkConfig t = new TrunkConfig("c", "sip.carrier.example", "TLS", "u", "", "pw", "", "", null,
        "", List.of(), List.of(), null);
    assertThat(t.transport()).isEqualTo("tls");
    assertThat(t.registrarAddress()).isEqualTo(new HostPort("sip.carrier.example", 5061));
  }

  @Test
  void thePasswordNeverAppearsInToString() {
    TrunkConfig t = new TrunkConfig("c", "reg", "udp", "u", "", "hunter2", "", "", null, "", List.of(), List.of(), null);
    assertThat(t.toString()).doesNotContain("hunter2");
  }

  @Test
  void badValuesAreRefusedAtConfigurationTime() {
    assertThatThrownBy(() -> new TrunkConfig("c", "reg", "sctp", "u", "", "", "", "", null, "", List.of(), List.of(), null))
        .hasMessageContaining("transport");
    assertThatThrownBy(() -> new TrunkConfig("c", "reg", "udp", "u", "", "", "", "", null, "", List.of("nonsense"), List.of(), null))
        .hasMessageContaining("nonsense");
    assertThatThrownBy(() -> new TrunkConfig("c", "reg:99999", "udp", "u", "", "", "", "", null, "", List.of(), List.of(), null))
        .hasMessageContaining("reg:99999");
  }
}
