package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real SIPp calls on 127.0.0.1 against a user agent listening on UDP and TCP. */
@Timeout(60)
class SipUserAgentSippTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path work;

  private final RecordingCallHandler handler = new RecordingCallHandler();
  private int port;
  private SipUserAgent ua;

  @BeforeEach
  void startUserAgent() throws Exception {
    port = FreePorts.udpAndTcp();
    ua =
        new SipUserAgent(
            new SipConfig(
                "127.0.0.1",
                port,
                Set.of(SipTransport.UDP, SipTransport.TCP),
                null,
                "voicebot-test",
                List.of("PCMU", "PCMA")),
            handler);
    ua.start();
  }

  @AfterEach
  void stopUserAgent() {
    ua.close();
  }

  private void assertPasses(String scenario, String transport) throws Exception {
    Sipp.Result r = Sipp.call(work, scenario, port, transport);
    assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
  }

  @Test
  void callerHangsUpABasicCall() throws Exception {
    assertPasses("uac-basic-call.xml", "u1");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
    InboundCall call = handler.invites.getFirst();
    assertThat(call.toUser()).isEqualTo("bot");
    assertThat(call.requestUri()).startsWith("sip:bot@127.0.0.1");
    assertThat(call.media().orElseThrow().codec()).isEqualTo(new SdpCodec(0, "PCMU", 8000));
    assertThat(call.media().orElseThrow().telephoneEventPayloadType()).isEqualTo(101);
    assertThat(call.media().orElseThrow().remoteRtp().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(ua.activeCalls()).isZero();
  }

  @Test
  void botHangsUpWithBye() throws Exception {
    handler.hangUpWhenEstablished = true;

    assertPasses("uac-bot-hangs-up.xml", "u1");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:LocalHangup");
    assertThat(handler.invites.getFirst().media().orElseThrow().codec().name()).isEqualTo("PCMA");
    assertThat(handler.invites.getFirst().media().orElseThrow().telephoneEventPayloadType()).isEqualTo(-1);
  }

  @Test
  void cancelBeforeAnswerGets487AndTheLateAcceptanceIsIgnored() throws Exception {
    handler.answerDelay = Duration.ofMillis(1500);

    assertPasses("uac-cancel.xml", "u1");

    // onEnded waits for onInvite to return, so the app can free what it opened there.
    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "ended:Cancelled");
    assertThat(ua.activeCalls()).isZero();
  }

  @Test
  void offerWithOnlyG729IsRejectedWith488WithoutBotheringTheApp() throws Exception {
    assertPasses("uac-g729-only.xml", "u1");

    assertThat(handler.invites).isEmpty();
  }

  @Test
  void optionsIsAnsweredWithAllowAndAccept() throws Exception {
    assertPasses("uac-options.xml", "u1");
  }

  @Test
  void byeForUnknownCallGets481() throws Exception {
    assertPasses("uac-bye-unknown-call.xml", "u1");
  }

  @Test
  void basicCallOverTcp() throws Exception {
    assertPasses("uac-basic-call.xml", "t1");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }
}
