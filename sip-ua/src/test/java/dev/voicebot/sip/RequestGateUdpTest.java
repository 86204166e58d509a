package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.access.RateLimit;
import dev.voicebot.sip.access.RateLimitCounts;
import dev.voicebot.sip.access.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Edge behaviour checked with hand-written datagrams, where SIPp cannot send what we need. */
@Timeout(30)
class RequestGateUdpTest {

  private static final Duration WAIT = Duration.ofSeconds(3);

  private SipUserAgent ua;
  private int port;
  private final RecordingCallHandler handler = new RecordingCallHandler();

  @AfterEach
  void stop() {
    if (ua != null) {
      ua.close();
    }
  }

  private UdpPeer start(SipConfig config) throws Exception {
    port = config.port();
    ua = new SipUserAgent(config, handler);
    ua.start();
    return new UdpPeer("127.0.0.1", port);
  }

  @Test
  void responsesGoToThePacketSourceWithReceivedAndRportBehindNat() throws Exception {
    try (UdpPeer peer = start(SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()))) {
      // The Via names a private address and port the bot cannot reach, as a phone behind NAT does.
      peer.send(peer.request("OPTIONS", "nat-1", "SIP/2.0/UDP 10.99.0.1:5999;branch=z9hG4bKnat1;rport", null, null));

      String ok = peer.receiveStatus("200", WAIT);

      assertThat(ok).as("200 came back to the packet's source").isNotNull();
      assertThat(ok).containsPattern("Via: SIP/2.0/UDP 10.99.0.1:5999;branch=z9hG4bKnat1;(rport=" + peer.localPort()
          + ";received=127.0.0.1|received=127.0.0.1;rport=" + peer.localPort() + ")");
    }
  }

  @Test
  void anUnknownSourcesInviteOverTheRateLimitIsDroppedSilently() throws Exception {
    SipConfig config = SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()).withRateLimit(new RateLimit(0.1, 1, 100));
    try (UdpPeer peer = start(config)) {
      peer.send(peer.request("OPTIONS", "rl-1", null, null, null)); // spends the only token
      assertThat(peer.receiveStatus("200", WAIT)).isNotNull();

      peer.send(peer.request("INVITE", "rl-2", null, null, UdpPeer.sdp(40000)));

      assertThat(peer.receive(Duration.ofMillis(500))).as("a scanner learns nothing").isNull();
      assertThat(handler.invites).isEmpty();
      assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(0, 1));
    }
  }

  @Test
  void anAllowlistedSourcesInviteOverItsOwnLimitGets503WithAShortRetryAfter() throws Exception {
    SipConfig config = SipConfig.of("127.0.0.1", FreePorts.udpAndTcp())
        .withAccess(new AccessPolicy(List.of("127.0.0.1/32"), false, Map.of()))
        .withRateLimits(new RateLimits(new RateLimit(100, 100, 100), Optional.of(new RateLimit(0.1, 1, 100))));
    try (UdpPeer peer = start(config)) {
      peer.send(peer.request("OPTIONS", "rl-1", null, null, null)); // spends the only token
      assertThat(peer.receiveStatus("200", WAIT)).isNotNull();

      peer.send(peer.request("INVITE", "rl-2", null, null, UdpPeer.sdp(40000)));
      String refused = peer.receiveStatus("503", WAIT);

      assertThat(refused).isNotNull().contains("Retry-After: 1");
      assertThat(handler.invites).isEmpty();
      assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(1, 0));
    }
  }

  @Test
  void theAckAndByeOfAnEstablishedCallPassWhileItsSourceIsOverTheLimitButAForgedToTagCounts() throws Exception {
    SipConfig config = SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()).withRateLimit(new RateLimit(0.1, 1, 100));
    try (UdpPeer peer = start(config)) {
      peer.send(peer.request("INVITE", "dlg-1", null, null, UdpPeer.sdp(40000))); // spends the only token
      String ok = peer.receiveStatus("200", WAIT);
      assertThat(ok).isNotNull();
      Matcher tag = Pattern.compile("(?m)^To: [^\r]*;tag=([^;\r]+)").matcher(ok);
      assertThat(tag.find()).as("To-tag in %s", ok).isTrue();

      peer.send(inDialog(peer, "ACK", 1, tag.group(1)));
      assertThat(handler.events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("invite");
      assertThat(handler.events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("decided");
      assertThat(handler.events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("established");

      // (A forged BYE never reaches the gate: JAIN-SIP answers a BYE of no dialog 481 itself.)
      peer.send(inDialog(peer, "INFO", 2, "forged"));
      assertThat(responseTo(peer, "2 INFO", Duration.ofMillis(500)))
          .as("an INFO of no dialog we hold is limited like a new request: dropped, not 481").isNull();

      peer.send(inDialog(peer, "BYE", 3, tag.group(1)));
      assertThat(responseTo(peer, "3 BYE", WAIT)).isNotNull().startsWith("SIP/2.0 200");
      assertThat(handler.eventsUntilEnded(WAIT)).containsExactly("ended:RemoteBye");
      assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(0, 1));
    }
  }

  @Test
  void aCancelOfAnInviteWeHoldPassesWhileItsSourceIsOverTheLimit() throws Exception {
    SipConfig config = SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()).withRateLimit(new RateLimit(0.1, 1, 100));
    handler.answerDelay = Duration.ofSeconds(2);
    try (UdpPeer peer = start(config)) {
      String via = "SIP/2.0/UDP 127.0.0.1:" + peer.localPort() + ";branch=z9hG4bKcancel1";
      peer.send(peer.request("INVITE", "cn-1", via, null, UdpPeer.sdp(40000))); // spends the only token
      assertThat(handler.events.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("invite");

      peer.send(peer.request("CANCEL", "cn-1", via, null, null)); // same branch: that INVITE's CANCEL

      assertThat(responseTo(peer, "1 CANCEL", WAIT)).isNotNull().startsWith("SIP/2.0 200");
      assertThat(responseTo(peer, "1 INVITE", WAIT)).isNotNull().startsWith("SIP/2.0 487");
      assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(0, 0));
    }
  }

  /** A request in the dialog of call "dlg-1" with our To-tag (or a forged one). */
  private String inDialog(UdpPeer peer, String method, int cseq, String toTag) {
    String to = "To: <sip:bot@127.0.0.1:" + port + ">";
    return peer.request(method, "dlg-1", null, null, null)
        .replace(to, to + ";tag=" + toTag)
        .replace("CSeq: 1 " + method, "CSeq: " + cseq + " " + method);
  }

  /** The response with this CSeq, skipping others (the INVITE's 200 may be retransmitted meanwhile). */
  private static String responseTo(UdpPeer peer, String cseq, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      String m = peer.receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (m != null && m.contains("CSeq: " + cseq + "\r\n")) {
        return m;
      }
    }
    return null;
  }

  @Test
  void aRequestWithoutMaxForwardsGets400() throws Exception {
    try (UdpPeer peer = start(SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()))) {
      peer.send(peer.request("INVITE", "mf-1", null, "", UdpPeer.sdp(40000)));

      String bad = peer.receiveStatus("400", WAIT);

      assertThat(bad).isNotNull().startsWith("SIP/2.0 400 Missing Max-Forwards");
      assertThat(handler.invites).isEmpty();
    }
  }

  @Test
  void anInviteWithoutContactGets400() throws Exception {
    try (UdpPeer peer = start(SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()))) {
      peer.send(peer.request("INVITE", "ct-1", null, null, UdpPeer.sdp(40000)).replaceFirst("Contact: [^\r]*\r\n", ""));

      assertThat(peer.receiveStatus("400", WAIT)).isNotNull().startsWith("SIP/2.0 400 Missing Contact");
    }
  }

  @Test
  void aCseqForAnotherMethodGets400() throws Exception {
    try (UdpPeer peer = start(SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()))) {
      peer.send(peer.request("OPTIONS", "cs-1", null, null, null).replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));

      assertThat(peer.receiveStatus("400", WAIT)).isNotNull();
    }
  }

  @Test
  void requestsMissingAMandatoryHeaderAreAnswered400OrDroppedAndTheBotCarriesOn() throws Exception {
    try (UdpPeer peer = start(SipConfig.of("127.0.0.1", FreePorts.udpAndTcp()))) {
      for (String header : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
        String msg = peer.request("INVITE", "mh-" + header, null, null, UdpPeer.sdp(40000))
            .replaceFirst("(?m)^" + header + ": [^\r]*\r\n", "");
        peer.send(msg);
        String answer = peer.receive(Duration.ofMillis(300));
        assertThat(answer == null || answer.startsWith("SIP/2.0 400"))
            .as("without %s: %s", header, answer).isTrue();
      }
      peer.send(peer.request("OPTIONS", "after", null, null, null));
      assertThat(peer.receiveStatus("200", WAIT)).isNotNull();
      assertThat(handler.invites).isEmpty();
    }
  }
}
