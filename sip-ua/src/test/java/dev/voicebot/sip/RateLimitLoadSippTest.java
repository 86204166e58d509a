package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.access.RateLimitCounts;
import dev.voicebot.sip.register.TrunkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 250 short calls at 50 calls/s from one address ({@code sipp-scenarios/short-calls-load.xml}),
 * as a trunk sends them, at the default rate limits. Fixed ports 31060-31062 (SIP) and 31100-31103
 * (SIPp's media sockets; no media is sent).
 */
@Timeout(120)
class RateLimitLoadSippTest {

  private static final int UA_PORT = 31060;
  private static final String SIPP_PORT = "31061";
  /** The trunk's registrar: nobody listens there; its address is what makes calls the trunk's. */
  private static final int REGISTRAR_PORT = 31062;
  private static final String SIPP_MEDIA_PORT = "31100";
  private static final int CALLS = 250;
  private static final Duration LIMIT = Duration.ofSeconds(40);

  @TempDir Path work;

  private SipUserAgent ua;

  @AfterEach
  void stop() {
    if (ua != null) {
      ua.close();
    }
  }

  private void start(SipConfig config) throws Exception {
    ua = new SipUserAgent(config, new RecordingCallHandler());
    ua.start();
  }

  private SippProcess.Result fiftyCallsASecond() throws Exception {
    return SippProcess.run(work, "short-calls-load.xml", "127.0.0.1:" + UA_PORT, LIMIT,
        "-s", "bot", "-i", "127.0.0.1", "-p", SIPP_PORT, "-mp", SIPP_MEDIA_PORT,
        "-r", "50", "-m", Integer.toString(CALLS), "-d", "200", "-trace_counts");
  }

  @Test
  void anAllowlistedSourceMakesFiftyCallsASecondWithNoneFailed() throws Exception {
    start(SipConfig.of("127.0.0.1", UA_PORT)
        .withAccess(new AccessPolicy(List.of("127.0.0.1/32"), false, Map.of())));

    SippProcess.Result r = fiftyCallsASecond();

    assertThat(r.passed()).as("SIPp exit %d, stats %s\n%s", r.exitCode(), r.stats(), r.log()).isTrue();
    assertThat(r.stat("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(r.stat("FailedCall(C)")).isZero();
    assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(0, 0));
  }

  @Test
  void aTrunkCallingFromItsRegistrarsAddressMakesFiftyCallsASecondWithNoneFailed() throws Exception {
    // No allowedSources: the trunk's sources are its registrar's address, resolved at start.
    TrunkConfig trunk = new TrunkConfig("carrier", "127.0.0.1:" + REGISTRAR_PORT, "udp", "bot", "", "secret",
        "", "", Duration.ofSeconds(300), "", List.of(), List.of(), null);
    start(SipConfig.of("127.0.0.1", UA_PORT).withTrunks(List.of(trunk)));

    SippProcess.Result r = fiftyCallsASecond();

    assertThat(r.passed()).as("SIPp exit %d, stats %s\n%s", r.exitCode(), r.stats(), r.log()).isTrue();
    assertThat(r.stat("SuccessfulCall(C)")).isEqualTo(CALLS);
    assertThat(ua.rateLimited()).isEqualTo(new RateLimitCounts(0, 0));
  }

  @Test
  void anUnknownSourceAtFiftyCallsASecondIsThrottledYetEveryAnsweredCallsByeIsAnswered() throws Exception {
    start(SipConfig.of("127.0.0.1", UA_PORT)); // open access: 127.0.0.1 is nobody in particular

    SippProcess.Result r = fiftyCallsASecond();

    int answered = r.stat("SuccessfulCall(C)");
    int failed = r.stat("FailedCall(C)");
    assertThat(answered + failed).as("stats %s\n%s", r.stats(), r.log()).isEqualTo(CALLS);
    assertThat(failed).as("new INVITEs beyond 20/s, burst 40, are dropped").isPositive();
    assertThat(answered).as("the burst and the refill get through").isGreaterThanOrEqualTo(40);
    assertThat(ua.rateLimited().dropped()).isPositive();
    assertThat(ua.rateLimited().refused()).isZero();
    // Every call that got its 200 sent ACK and BYE, and every BYE got its 200: no call's hang-up
    // was lost to its source's rate.
    assertThat(r.counts()).as("-trace_counts\n%s", r.log()).isNotEmpty();
    assertThat(r.count("6_BYE_Sent")).isEqualTo(r.count("3_200_Recv")).isEqualTo(answered);
    assertThat(r.count("7_200_Recv")).isEqualTo(r.count("6_BYE_Sent"));
    assertThat(r.count("6_BYE_Timeout")).isZero();
  }
}
