package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.sip.transfer.TransferOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-dialog behaviour against real SIPp callers on 127.0.0.1: re-INVITE offer/answer, late offer,
 * session timers (with a 4 s Min-SE so they run in seconds), INFO DTMF and blind transfer.
 */
@Timeout(60)
class DialogSippTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String AGENT = "sip:agent@127.0.0.1:5099";

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
            handler,
            new DialogSettings(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(3)));
    ua.start();
  }

  @AfterEach
  void stopUserAgent() {
    ua.close();
  }

  private void assertPasses(String scenario) throws Exception {
    Sipp.Result r = Sipp.call(work, scenario, port, "u1");
    assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
  }

  private static String mediaPort(List<String> events, int index) {
    return events.get(index).substring(events.get(index).lastIndexOf(':') + 1);
  }

  @Test
  void holdInactiveUnholdAndMoveAreAnsweredByTheRulesAndReportedToTheApp() throws Exception {
    assertPasses("uac-hold-unhold.xml");

    List<String> events = handler.eventsUntilEnded(WAIT);
    String port = mediaPort(events, 3);
    assertThat(events)
        .containsExactly(
            "invite", "decided", "established",
            "media:PCMU:sendonly:" + port,
            "media:PCMU:inactive:" + port,
            "media:PCMU:sendrecv:" + port,
            "media:PCMU:sendrecv:46002",
            "ended:RemoteBye");
  }

  @Test
  void reInviteKeepsTheCodecWhileOfferedRefusesNoCommonCodecWith488AndSwitchesWhenItMust()
      throws Exception {
    assertPasses("uac-reinvite-codec.xml");

    List<String> events = handler.eventsUntilEnded(WAIT);
    assertThat(events).hasSize(5);
    assertThat(events.subList(0, 3)).containsExactly("invite", "decided", "established");
    assertThat(events.get(3)).startsWith("media:PCMA:sendrecv:");
    assertThat(events.get(4)).isEqualTo("ended:RemoteBye");
  }

  @Test
  void lateOfferIsOfferedInThe200AndTheAnswerInTheAckIsReportedBeforeEstablished()
      throws Exception {
    assertPasses("uac-late-offer.xml");

    List<String> events = handler.eventsUntilEnded(WAIT);
    assertThat(events).hasSize(5);
    assertThat(events.get(2)).startsWith("media:PCMA:sendrecv:");
    assertThat(events).containsSubsequence("invite", "decided", "established", "ended:RemoteBye");
    assertThat(handler.invites.getFirst().media()).isEmpty();
  }

  @Test
  void lateOfferWithAnUnusableAnswerIsHungUpWithReason() throws Exception {
    assertPasses("uac-late-offer-bad-answer.xml");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "ended:NegotiationFailed");
  }

  @Test
  void callerRefreshingByReInviteAndUpdateKeepsTheCallPastItsInterval() throws Exception {
    assertPasses("uac-session-timer-refresh.xml");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }

  @Test
  void sessionNotRefreshedByTheCallerExpiresWithBye() throws Exception {
    assertPasses("uac-session-timer-expiry.xml");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:Timeout");
  }

  @Test
  void botRefreshesWithUpdateWhenTheCallerLeavesItTheRefresh() throws Exception {
    assertPasses("uac-session-timer-bot-refreshes.xml");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }

  @Test
  void sessionIntervalBelowOurMinimumGets422WithoutBotheringTheApp() throws Exception {
    assertPasses("uac-session-timer-too-small.xml");

    assertThat(handler.invites).isEmpty();
  }

  @Test
  void infoDtmfOfBothContentTypesReachesTheAppAndOtherBodiesGet415() throws Exception {
    assertPasses("uac-info-dtmf.xml");

    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "dtmf:5", "dtmf:7", "ended:RemoteBye");
  }

  @Test
  void transferWhoseTargetAnswersEndsTheCallWithBye() throws Exception {
    handler.transferWhenEstablished = AGENT;

    assertPasses("uac-refer-accepted.xml");

    assertThat(handler.transfers.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
        .isEqualTo(new TransferOutcome.Succeeded());
    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:Transferred");
  }

  @Test
  void transferToABusyTargetFailsWithItsStatusAndTheCallGoesOn() throws Exception {
    handler.transferWhenEstablished = AGENT;

    assertPasses("uac-refer-busy.xml");

    assertThat(handler.transfers.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
        .isEqualTo(new TransferOutcome.Failed(486, "Busy Here"));
    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }

  @Test
  void declinedReferFailsWithTheRefersStatusAndTheCallGoesOn() throws Exception {
    handler.transferWhenEstablished = AGENT;

    assertPasses("uac-refer-declined.xml");

    assertThat(handler.transfers.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS))
        .isEqualTo(new TransferOutcome.Failed(603, "Decline"));
    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }

  @Test
  void transferToSomethingThatIsNoSipOrTelUriIsRefusedBeforeSending() throws Exception {
    handler.hangUpWhenEstablished = true;
    assertPasses("uac-bot-hangs-up.xml");
    SipCall call = handler.call(handler.invites.getFirst().callId());

    assertThatThrownBy(() -> call.transfer("http://example.com/agent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(call.transfer(AGENT).get(5, TimeUnit.SECONDS))
        .isEqualTo(new TransferOutcome.Failed(481, "call not established"));
  }
}
