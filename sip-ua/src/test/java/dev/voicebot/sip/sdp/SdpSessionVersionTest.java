package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpSessionVersionTest {

  private static String sdp(long version, String direction) {
    return "o=- 42 " + version + " IN IP4 203.0.113.5\r\na=" + direction + "\r\n";
  }

  @Test
  void theFirstSdpKeepsTheInitialVersion() {
    SdpSessionVersion v = new SdpSessionVersion(42);

    assertThat(v.next(n -> sdp(n, "sendrecv"))).contains("42 42");
  }

  @Test
  void anUnchangedSdpKeepsItsVersionAndAChangedOneRaisesIt() {
    SdpSessionVersion v = new SdpSessionVersion(42);
    v.next(n -> sdp(n, "sendrecv"));

    assertThat(v.next(n -> sdp(n, "sendrecv"))).contains("42 42");
    assertThat(v.next(n -> sdp(n, "recvonly"))).contains("42 43").contains("recvonly");
    assertThat(v.next(n -> sdp(n, "recvonly"))).contains("42 43");
    assertThat(v.next(n -> sdp(n, "sendrecv"))).contains("42 44");
    assertThat(v.last()).contains("42 44");
  }
}
