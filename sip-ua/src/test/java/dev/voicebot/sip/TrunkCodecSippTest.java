package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.register.RegistrationTiming;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.CodecOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trunk on 127.0.0.2 prefers PCMA; the user agent takes the caller's order. The same PCMU-first
 * offer from SIPp is answered PCMA from the trunk's address and PCMU from 127.0.0.1.
 */
@Timeout(60)
class TrunkCodecSippTest {

  private static final Duration LIMIT = Duration.ofSeconds(15);

  @TempDir Path work;

  private final RecordingCallHandler handler = new RecordingCallHandler();
  private SipUserAgent ua;
  private int port;

  @BeforeEach
  void start() throws Exception {
    port = FreePorts.udpAndTcp();
    // The registrar is nowhere: registration fails and retries, which leaves calls untouched.
    TrunkConfig carrier = new TrunkConfig("carrier", "127.0.0.2:" + FreePorts.udpAndTcp(), "udp", "bot",
        "", "", "", "", null, "", List.of("127.0.0.2/32"), List.of("PCMA", "PCMU"), CodecOrder.LOCAL);
    SipConfig config = SipConfig.of("127.0.0.1", port)
        .withTrunks(List.of(carrier))
        .withAccess(new AccessPolicy(List.of("127.0.0.1/32"), false, Map.of()))
        .withRegistrationTiming(new RegistrationTiming(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ZERO));
    ua = new SipUserAgent(config, handler);
    ua.start();
  }

  @AfterEach
  void stop() {
    ua.close();
  }

  private String answeredPayloadType(String sippAddress) throws Exception {
    Path log = work.resolve("codec-" + sippAddress + ".log");
    SippProcess.Result r = SippProcess.run(work, "answer-codec.xml", "127.0.0.1:" + port, LIMIT,
        "-s", "bot", "-i", sippAddress, "-trace_logs", "-log_file", log.toString());
    assertThat(r.passed()).as("SIPp from %s exit %d\n%s", sippAddress, r.exitCode(), r.log()).isTrue();
    return Files.readString(log).strip().replaceAll("(?s).*answered payload type (\\d+).*", "$1");
  }

  @Test
  void aCallFromTheTrunksAddressIsAnsweredWithTheTrunksPreferredCodec() throws Exception {
    assertThat(answeredPayloadType("127.0.0.2")).as("PCMA").isEqualTo("8");
    assertThat(handler.invites.getFirst().media().orElseThrow().codec().name()).isEqualTo("PCMA");
  }

  @Test
  void aCallFromAnotherSourceIsAnsweredByTheUserAgentsOrder() throws Exception {
    assertThat(answeredPayloadType("127.0.0.1")).as("PCMU").isEqualTo("0");
    assertThat(handler.invites.getFirst().media().orElseThrow().codec().name()).isEqualTo("PCMU");
  }
}
