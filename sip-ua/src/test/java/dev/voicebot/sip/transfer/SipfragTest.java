package dev.voicebot.sip.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipfragTest {

  @Test
  void readsTheStatusLine() {
    assertThat(Sipfrag.parse("SIP/2.0 100 Trying\r\n")).contains(new Sipfrag(100, "Trying"));
    assertThat(Sipfrag.parse("SIP/2.0 200 OK")).contains(new Sipfrag(200, "OK"));
  }

  @Test
  void ignoresHeadersAfterTheStatusLineAndKeepsMultiWordReasons() {
    assertThat(Sipfrag.parse("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n"))
        .contains(new Sipfrag(486, "Busy Here"));
  }

  @Test
  void statusWithoutReasonIsAccepted() {
    assertThat(Sipfrag.parse("SIP/2.0 603")).contains(new Sipfrag(603, ""));
  }

  @Test
  void classifiesProvisionalSuccessAndFailure() {
    assertThat(new Sipfrag(180, "Ringing").isFinal()).isFalse();
    assertThat(new Sipfrag(202, "Accepted").isSuccess()).isTrue();
    assertThat(new Sipfrag(486, "Busy").isFinal()).isTrue();
    assertThat(new Sipfrag(486, "Busy").isSuccess()).isFalse();
  }

  @Test
  void rejectsWhatIsNotAStatusLine() {
    assertThat(Sipfrag.parse("INVITE sip:a@b SIP/2.0")).isEmpty();
    assertThat(Sipfrag.parse("SIP/2.0 abc OK")).isEmpty();
    assertThat(Sipfrag.parse("SIP/2.0 99 Low")).isEmpty();
    assertThat(Sipfrag.parse("")).isEmpty();
    assertThat(Sipfrag.parse(null)).isEmpty();
  }
}
