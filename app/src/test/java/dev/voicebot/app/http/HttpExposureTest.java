package dev.voicebot.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpExposureTest {

  private static HttpExposure bind(String address, String token) {
    return new HttpExposure(address, token, Optional.empty(), 8080);
  }

  @Test
  void loopbackAddressesNeedNoToken() {
    for (String address : new String[] {"127.0.0.1", "127.0.0.2", "localhost", "::1"}) {
      assertThatCode(bind(address, "")::check).as(address).doesNotThrowAnyException();
    }
  }

  @Test
  void anyOtherAddressWithoutATokenIsRefusedNamingWhatToSet() {
    for (String address : new String[] {"0.0.0.0", "::", "", "192.0.2.7"}) {
      assertThatThrownBy(bind(address, " ")::check).as(address)
          .isInstanceOf(InsecureHttpException.class).hasMessageContaining("without a token");
    }
    assertThatThrownBy(bind(null, null)::check).hasMessageContaining("every interface");
  }

  @Test
  void anyAddressWithATokenIsAllowed() {
    assertThatCode(bind("0.0.0.0", "s3cret")::check).doesNotThrowAnyException();
  }

  @Test
  void aSeparateManagementPortIsRefusedBecauseTheTokenWouldNotGuardIt() {
    assertThatThrownBy(new HttpExposure("127.0.0.1", "s3cret", Optional.of(9090), 8080)::check)
        .isInstanceOf(InsecureHttpException.class).hasMessageContaining("management.server.port=9090");
    assertThatCode(new HttpExposure("127.0.0.1", "", Optional.of(8080), 8080)::check).doesNotThrowAnyException();
  }

  @Test
  void theTokenNeverShowsInToString() {
    assertThat(bind("0.0.0.0", "s3cret-token")).asString().doesNotContain("s3cret-token").contains("***");
  }
}
