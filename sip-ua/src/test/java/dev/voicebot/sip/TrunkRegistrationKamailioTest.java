package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.register.Reachability;
import dev.voicebot.sip.register.RegistrationState;
import dev.voicebot.sip.register.RegistrationTiming;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.register.TrunkStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bot registers with a real Kamailio (digest users in db_text) and takes calls through it. */
@Timeout(90)
class TrunkRegistrationKamailioTest {

  @TempDir Path work;

  private KamailioProcess kamailio;
  private SipUserAgent ua;
  private final RecordingCallHandler handler = new RecordingCallHandler();

  @AfterEach
  void stop() throws Exception {
    if (ua != null) {
      ua.close();
    }
    if (kamailio != null) {
      kamailio.close();
    }
  }

  private SipUserAgent startBot(String password, Duration expiry, RegistrationTiming timing) throws Exception {
    int port = FreePorts.udpAndTcp();
    TrunkConfig trunk =
        new TrunkConfig("kam", "127.0.0.1:" + kamailio.port, "udp", "bot", "", password, "",
            "127.0.0.1", expiry, "", List.of("127.0.0.1/32"), List.of(), null);
    ua = new SipUserAgent(SipConfig.of("127.0.0.1", port).withTrunks(List.of(trunk))
        .withRegistrationTiming(timing), handler);
    ua.start();
    return ua;
  }

  private TrunkStatus awaitStatus(Predicate<TrunkStatus> p, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    TrunkStatus s = ua.registrations().getFirst();
    while (!p.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s = ua.registrations().getFirst();
    }
    return s;
  }

  private static final RegistrationTiming FAST =
      new RegistrationTiming(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5),
          Duration.ofMillis(300));

  @ParameterizedTest
  @ValueSource(strings = {"MD5", "SHA-256"})
  void registersTakesACallThroughTheProxyAndUnregistersOnClose(String algorithm) throws Exception {
    kamailio = KamailioProcess.start(work, Map.of("bot", "botpass"), algorithm);
    startBot("botpass", Duration.ofSeconds(60), FAST);

    TrunkStatus s = awaitStatus(t -> t.state() == RegistrationState.REGISTERED
        && t.reachability().state() == Reachability.State.REACHABLE, Duration.ofSeconds(5));
    assertThat(s.state()).as("%s\n%s", s, kamailio.log()).isEqualTo(RegistrationState.REGISTERED);
    assertThat(s.grantedExpiry()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.aor()).isEqualTo("sip:bot@127.0.0.1");
    assertThat(s.reachability().rtt()).isNotNull();
    assertThat(kamailio.locations()).contains("sip:bot@127.0.0.1:");

    handler.hangUpWhenEstablished = true;
    SippProcess.Result call =
        SippProcess.run(work, "call-via-proxy.xml", "127.0.0.1:" + kamailio.port, Duration.ofSeconds(15),
            "-s", "bot");
    assertThat(call.passed()).as("SIPp exit %d\n%s\n%s", call.exitCode(), call.log(), kamailio.log()).isTrue();
    assertThat(handler.eventsUntilEnded(Duration.ofSeconds(3)))
        .containsExactly("invite", "decided", "established", "ended:LocalHangup");
    assertThat(handler.invites.getFirst().toUser()).isEqualTo("bot");
    assertThat(kamailio.log()).contains("in-dialog BYE relayed by record-route");

    ua.close();
    assertThat(ua.registrations()).isNotNull();
    assertThat(kamailio.locations()).doesNotContain("sip:bot@127.0.0.1:");
  }

  @Test
  void refreshesBeforeTheGrantedLifetimeRunsOut() throws Exception {
    kamailio = KamailioProcess.start(work, Map.of("bot", "botpass"), "MD5");
    startBot("botpass", Duration.ofSeconds(2), FAST);

    TrunkStatus s = awaitStatus(t -> t.attempts() >= 3, Duration.ofSeconds(8));
    assertThat(s.attempts()).as("%s", s).isGreaterThanOrEqualTo(3);
    assertThat(s.state()).isEqualTo(RegistrationState.REGISTERED);
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(kamailio.locations()).contains("sip:bot@127.0.0.1:");
  }

  @Test
  void wrongPasswordFailsWithAClearErrorAndRetriesWithGrowingDelays() throws Exception {
    kamailio = KamailioProcess.start(work, Map.of("bot", "botpass"), "MD5");
    startBot("wrong", Duration.ofSeconds(60), FAST);

    List<Instant> attempts = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    TrunkStatus s = ua.registrations().getFirst();
    while (attempts.size() < 4 && System.nanoTime() < deadline) {
      s = ua.registrations().getFirst();
      if (s.lastAttemptAt() != null && (attempts.isEmpty() || !attempts.getLast().equals(s.lastAttemptAt()))) {
        attempts.add(s.lastAttemptAt());
      }
      Thread.sleep(5);
    }
    assertThat(attempts).as("attempts seen: %s", attempts).hasSizeGreaterThanOrEqualTo(4);
    s = awaitStatus(t -> t.state() == RegistrationState.FAILED, Duration.ofSeconds(2));
    assertThat(s.state()).isEqualTo(RegistrationState.FAILED);
    assertThat(s.lastError())
        .contains("401")
        .contains("check the auth user 'bot' and the password for trunk kam")
        .doesNotContain("wrong");
    Duration first = Duration.between(attempts.get(1), attempts.get(2));
    Duration second = Duration.between(attempts.get(2), attempts.get(3));
    assertThat(second).as("back-off %s then %s", first, second).isGreaterThan(first);
    assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(400)); // 2nd failure: 300 ms * 2 * [0.75, 1]
    assertThat(kamailio.locations()).doesNotContain("sip:bot@127.0.0.1:");
  }
}
