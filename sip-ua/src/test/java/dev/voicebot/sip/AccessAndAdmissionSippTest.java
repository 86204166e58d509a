package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.access.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's access and admission scenarios ({@code sipp-scenarios/}) against a running
 * user agent; SIPp on 127.0.0.2 plays a source outside the allowlist.
 */
@Timeout(90)
class AccessAndAdmissionSippTest {

  private static final Duration LIMIT = Duration.ofSeconds(15);

  @TempDir Path work;

  private SipUserAgent ua;
  private int port;

  @AfterEach
  void stop() {
    if (ua != null) {
      ua.close();
    }
  }

  private String target() {
    return "127.0.0.1:" + port;
  }

  private void start(SipConfig config, CallHandler handler) throws Exception {
    ua = new SipUserAgent(config, handler);
    ua.start();
  }

  private SipConfig config() {
    port = FreePorts.udpAndTcp();
    return SipConfig.of("127.0.0.1", port);
  }

  /** On a thread of its own: the common pool may have a single thread on a small machine. */
  private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  /** Rejects every call with a fixed status, as the app does beyond its call limit. */
  private record Rejecting(int status, String reason) implements CallHandler {
    @Override
    public CallAcceptance onInvite(InboundCall call) {
      return CallAcceptance.reject(status, reason);
    }

    @Override
    public void onEstablished(String callId) {}

    @Override
    public void onEnded(String callId, EndReason reason) {}

    @Override
    public void onDtmf(String callId, char digit) {}
  }

  @Test
  void inviteFromASourceOutsideTheAllowlistGets403() throws Exception {
    RecordingCallHandler handler = new RecordingCallHandler();
    start(config().withAccess(new AccessPolicy(List.of("127.0.0.1/32"), false, Map.of())), handler);

    SippProcess.Result r =
        SippProcess.run(work, "forbidden-source.xml", target(), LIMIT, "-s", "bot", "-i", "127.0.0.2");

    assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
    assertThat(handler.invites).isEmpty();
  }

  @Test
  void challengedCallerWithTheRightPasswordGetsThroughAndAWrongOneDoesNot() throws Exception {
    RecordingCallHandler handler = new RecordingCallHandler();
    start(config().withAccess(new AccessPolicy(List.of("127.0.0.1/32"), true, Map.of("alice", "secret"))),
        handler);

    SippProcess.Result wrong =
        SippProcess.run(work, "proxy-auth-407.xml", target(), LIMIT,
            "-s", "bot", "-i", "127.0.0.2", "-au", "alice", "-ap", "guess");
    assertThat(wrong.passed()).isFalse();
    assertThat(wrong.log()).contains("403");
    assertThat(handler.invites).isEmpty();

    SippProcess.Result right =
        SippProcess.run(work, "proxy-auth-407.xml", target(), LIMIT,
            "-s", "bot", "-i", "127.0.0.2", "-au", "alice", "-ap", "secret");
    assertThat(right.passed()).as("SIPp exit %d\n%s", right.exitCode(), right.log()).isTrue();
    assertThat(handler.eventsUntilEnded(Duration.ofSeconds(3)))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
  }

  @Test
  void aBurstFromOneSourceIsCutToItsLimitWhileACallerElsewhereGetsThrough() throws Exception {
    RecordingCallHandler handler = new RecordingCallHandler();
    start(config().withRateLimit(new RateLimit(20, 40, 10_000)), handler);

    CompletableFuture<SippProcess.Result> burst =
        async(() -> SippProcess.run(work, "rate-limit-burst.xml", target(), LIMIT,
            "-s", "bot", "-i", "127.0.0.2", "-m", "300", "-r", "1000", "-l", "300", "-nr"));
    Thread.sleep(150); // in the middle of the burst
    Sipp.Result call = Sipp.call(work, "uac-basic-call.xml", port, "u1");
    SippProcess.Result r = burst.get(30, TimeUnit.SECONDS);

    assertThat(call.passed()).as("legit call: SIPp exit %d\n%s", call.exitCode(), call.log()).isTrue();
    int answered = r.stat("SuccessfulCall(C)");
    int unanswered = r.stat("FailedCall(C)");
    assertThat(answered + unanswered).as("stats %s\n%s", r.stats(), r.log()).isEqualTo(300);
    // 40 at once plus 20/s for the burst's ~0.3 s (and the 1 s waits of the last ones).
    assertThat(answered).isBetween(40, 90);
    assertThat(unanswered).isGreaterThan(150);
    assertThat(handler.eventsUntilEnded(Duration.ofSeconds(3))).contains("established", "ended:RemoteBye");
  }

  @Test
  void callBeyondTheLimitGets503WithRetryAfter() throws Exception {
    start(config(), new Rejecting(503, "Too many calls"));

    SippProcess.Result r = SippProcess.run(work, "call-limit-503.xml", target(), LIMIT, "-s", "bot");

    assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
  }

  @Test
  void busyHere486IsAllowedAsTheRejection() throws Exception {
    start(config(), new Rejecting(486, "Busy Here"));

    SippProcess.Result r = SippProcess.run(work, "busy-486.xml", target(), LIMIT, "-s", "bot");

    assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
  }

  @Test
  void drainRefusesNewCallsLetsTheActiveOneRunAndHangsItUpAtTheDeadline() throws Exception {
    RecordingCallHandler handler = new RecordingCallHandler();
    start(config(), handler);
    CompletableFuture<SippProcess.Result> active =
        async(() -> SippProcess.run(work, "wait-for-bye.xml", target(), Duration.ofSeconds(20), "-s", "bot"));
    assertThat(handler.events.poll(10, TimeUnit.SECONDS)).isEqualTo("invite");
    assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("decided");
    assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("established");

    long drainStart = System.nanoTime();
    CompletableFuture<Void> draining = async(() -> {
      ua.drain(Duration.ofSeconds(3));
      return null;
    });
    Thread.sleep(200);
    SippProcess.Result refused = SippProcess.run(work, "drain-new-call-503.xml", target(), LIMIT, "-s", "bot");
    assertThat(refused.passed()).as("new call: SIPp exit %d\n%s", refused.exitCode(), refused.log()).isTrue();
    try (UdpPeer probe = new UdpPeer("127.0.0.1", port)) {
      // A dispatcher's health probe now fails, so it stops sending calls here.
      probe.send(probe.request("OPTIONS", "probe-during-drain", null, null, null));
      assertThat(probe.receiveStatus("503", Duration.ofSeconds(2))).isNotNull().contains("Retry-After: ");
    }
    assertThat(active).isNotDone(); // the active call goes on meanwhile

    SippProcess.Result r = active.get(20, TimeUnit.SECONDS);
    draining.get(10, TimeUnit.SECONDS);
    Duration drained = Duration.ofNanos(System.nanoTime() - drainStart);
    assertThat(r.passed()).as("active call: SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
    assertThat(drained).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(8));
    assertThat(handler.eventsUntilEnded(Duration.ofSeconds(3))).containsExactly("ended:Shutdown");
    assertThat(ua.activeCalls()).isZero();
  }
}
