package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voicebot.sip.access.RateLimit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Thousands of mutated SIP datagrams at a running user agent, then a normal SIPp call: it must
 * succeed, no call or thread may be left behind, and no exception may have reached our code's
 * error paths. Seeded, so a failure reproduces.
 */
@Timeout(120)
class SipFuzzTest {

  private static final int MESSAGES = 3000;
  private static final long SEED = 20250101L;

  @TempDir Path work;

  /** Accepts only once the fuzzing is over, so mutated INVITEs that still parse end at once. */
  private static final class GateKeeper implements CallHandler {
    final RecordingCallHandler accepted = new RecordingCallHandler();
    final AtomicInteger rejected = new AtomicInteger();
    volatile boolean open;

    @Override
    public CallAcceptance onInvite(InboundCall call) {
      if (!open) {
        rejected.incrementAndGet();
        return CallAcceptance.reject(486, "Busy Here");
      }
      return accepted.onInvite(call);
    }

    @Override
    public void onEstablished(String callId) {
      accepted.onEstablished(callId);
    }

    @Override
    public void onEnded(String callId, EndReason reason) {
      if (open) {
        accepted.onEnded(callId, reason);
      }
    }

    @Override
    public void onDtmf(String callId, char digit) {}
  }

  @Test
  void mutatedMessagesNeverHurtTheUserAgentAndANormalCallStillWorks() throws Exception {
    ListAppender<ILoggingEvent> ours = new ListAppender<>();
    ours.start();
    Logger sipLogger = (Logger) LoggerFactory.getLogger("dev.voicebot.sip");
    sipLogger.addAppender(ours);
    int port = FreePorts.udpAndTcp();
    GateKeeper handler = new GateKeeper();
    // Generous limit: the point is the parser and the router, not the rate limiter.
    SipUserAgent ua = new SipUserAgent(
        SipConfig.of("127.0.0.1", port).withRateLimit(new RateLimit(100_000, 100_000, 100)), handler);
    ua.start();
    try (UdpPeer peer = new UdpPeer("127.0.0.1", port)) {
      int threadsBefore = stackThreads(port);
      assertThat(threadsBefore).as("stack threads found").isPositive();
      Random random = new Random(SEED);
      AtomicInteger responses = new AtomicInteger();
      AtomicInteger badRequests = new AtomicInteger();
      Thread reader = Thread.ofVirtual().start(() -> {
        try {
          String m;
          while ((m = peer.receive(Duration.ofSeconds(2))) != null) {
            responses.incrementAndGet();
            if (m.startsWith("SIP/2.0 400")) {
              badRequests.incrementAndGet();
            }
          }
        } catch (Exception e) {
          // socket closed at the end
        }
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
      int sent = 0;
      for (; sent < MESSAGES && System.nanoTime() < deadline; sent++) {
        // A fresh Call-ID and branch each time, or the stack absorbs most as retransmissions.
        List<byte[]> seeds = seeds(peer, "fz-" + sent);
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        peer.send(Mutations.apply(seed, random));
        if (sent % 25 == 24) {
          Thread.sleep(5); // stay under the socket buffers: we fuzz the parser, not the kernel
        }
      }
      reader.join(10_000);
      assertThat(sent).isEqualTo(MESSAGES);
      assertThat(responses.get()).as("the user agent kept answering").isGreaterThan(100);
      assertThat(badRequests.get()).as("some got 400").isPositive();

      handler.open = true;
      Sipp.Result call = Sipp.call(work, "uac-basic-call.xml", port, "u1");
      assertThat(call.passed()).as("SIPp exit %d\n%s", call.exitCode(), call.log()).isTrue();
      assertThat(handler.accepted.eventsUntilEnded(Duration.ofSeconds(5)))
          .containsExactly("invite", "decided", "established", "ended:RemoteBye");

      long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ua.activeCalls() > 0 && System.nanoTime() < settle) {
        Thread.sleep(50);
      }
      assertThat(ua.activeCalls()).as("calls left behind").isZero();
      // The message pool starts its threads on demand, up to its size; nothing beyond that.
      assertThat(stackThreads(port)).as("the SIP stack's threads")
          .isLessThanOrEqualTo(threadsBefore + StackProperties.THREAD_POOL_SIZE);
      List<String> failures = new ArrayList<>();
      for (ILoggingEvent e : ours.list) {
        if (e.getLevel().isGreaterOrEqual(Level.ERROR)
            || e.getFormattedMessage().contains("internal error")) {
          failures.add(e.getLoggerName() + ": " + e.getFormattedMessage());
        }
      }
      assertThat(failures).as("exceptions in our code").isEmpty();
    } finally {
      sipLogger.detachAppender(ours);
      ua.close();
    }
  }

  /** Threads of this user agent's stack (JainSipStack builds it in a group named by the port). */
  private static int stackThreads(int port) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getThreadGroup() != null
            && t.getThreadGroup().getName().equals("voicebot-sip-" + port))
        .count();
  }

  private static List<byte[]> seeds(UdpPeer peer, String id) {
    List<String> texts = List.of(
        peer.request("INVITE", id + "invite", null, null, UdpPeer.sdp(40000)),
        peer.request("OPTIONS", id + "options", null, null, null),
        peer.request("BYE", id + "bye", null, null, null).replace("To: <sip:bot@", "To: <sip:bot@"),
        peer.request("REGISTER", id + "register", null, null, null),
        peer.request("CANCEL", id + "cancel", null, null, null),
        peer.request("ACK", id + "ack", null, null, null),
        peer.request("INFO", id + "info", null, null, "Signal=5\r\nDuration=160\r\n"),
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\n"
            + "To: <sip:c@d>;tag=2\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
    return texts.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }
}
