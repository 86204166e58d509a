package dev.voicebot.sip.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class InfoDtmfParserTest {

  @Test
  void dtmfRelayGivesTheSignalAndDuration() {
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"))
        .isEqualTo(new InfoBody.Digit('5', OptionalInt.of(160)));
  }

  @Test
  void dtmfRelayToleratesCaseSpacingAndBareNewlines() {
    assertThat(InfoDtmfParser.parse("Application/DTMF-Relay", "signal = #\nduration= 250"))
        .isEqualTo(new InfoBody.Digit('#', OptionalInt.of(250)));
  }

  @Test
  void dtmfRelayEventNumbersMapToStarHashAndLetters() {
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=10"))
        .isEqualTo(new InfoBody.Digit('*', OptionalInt.empty()));
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=11"))
        .isEqualTo(new InfoBody.Digit('#', OptionalInt.empty()));
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=d"))
        .isEqualTo(new InfoBody.Digit('D', OptionalInt.empty()));
  }

  @Test
  void applicationDtmfIsTheBareDigit() {
    assertThat(InfoDtmfParser.parse("application/dtmf", "7\r\n"))
        .isEqualTo(new InfoBody.Digit('7', OptionalInt.empty()));
  }

  @Test
  void flashHookIsNoDigit() {
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=16\r\nDuration=100"))
        .isInstanceOf(InfoBody.Nothing.class);
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Signal=!"))
        .isInstanceOf(InfoBody.Nothing.class);
  }

  @Test
  void emptyInfoIsAcceptedAsNothing() {
    assertThat(InfoDtmfParser.parse(null, "")).isInstanceOf(InfoBody.Nothing.class);
  }

  @Test
  void unknownBodyTypeIsUnsupported() {
    assertThat(InfoDtmfParser.parse("text/plain", "hello"))
        .isEqualTo(new InfoBody.Unsupported("text/plain"));
  }

  @Test
  void dtmfRelayWithoutSignalOrWithGarbageIsMalformed() {
    assertThat(InfoDtmfParser.parse("application/dtmf-relay", "Duration=160"))
        .isInstanceOf(InfoBody.Malformed.class);
    assertThat(InfoDtmfParser.parse("application/dtmf", "55"))
        .isInstanceOf(InfoBody.Malformed.class);
  }
}
