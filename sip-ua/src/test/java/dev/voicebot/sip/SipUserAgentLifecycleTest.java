package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SipUserAgentLifecycleTest {

  @TempDir Path work;

  private static SipConfig config(int port) {
    return new SipConfig(
        "127.0.0.1",
        port,
        Set.of(SipTransport.TCP, SipTransport.UDP),
        null,
        "voicebot-test",
        List.of("PCMU", "PCMA"));
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }

  private static Set<String> leakedSince(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    Set<Thread> extra;
    do {
      extra = liveNonDaemonThreads();
      extra.removeAll(before);
      if (extra.isEmpty()) {
        return Set.of();
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return extra.stream()
        .map(t -> t.getName() + " in " + t.getThreadGroup())
        .collect(Collectors.toSet());
  }

  @Test
  void startOnABusyPortFailsWithAClearMessageAndLeavesNoThreads() throws Exception {
    int port = FreePorts.udpAndTcp();
    Set<Thread> before = liveNonDaemonThreads();
    try (DatagramSocket _ =
        new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, port))) {
      SipUserAgent ua = new SipUserAgent(config(port), new RecordingCallHandler());

      assertThatThrownBy(ua::start)
          .isInstanceOf(SipStartException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("UDP");

      ua.close(); // safe after a failed start
      assertThat(leakedSince(before)).isEmpty();
    }
  }

  @Test
  void closeIsSafeBeforeStartAndTwiceAndStartAfterCloseIsRefused() throws Exception {
    SipUserAgent neverStarted = new SipUserAgent(config(FreePorts.udpAndTcp()), new RecordingCallHandler());
    neverStarted.close();
    assertThatThrownBy(neverStarted::start).isInstanceOf(IllegalStateException.class);

    Set<Thread> before = liveNonDaemonThreads();
    SipUserAgent ua = new SipUserAgent(config(FreePorts.udpAndTcp()), new RecordingCallHandler());
    ua.start();
    ua.close();
    ua.close();
    assertThat(leakedSince(before)).isEmpty();
  }

  @Test
  void closeRacingStartNeverLeavesAStackRunning() throws Exception {
    Set<Thread> before = liveNonDaemonThreads();
    for (int i = 0; i < 5; i++) {
      SipUserAgent ua = new SipUserAgent(config(FreePorts.udpAndTcp()), new RecordingCallHandler());
      CompletableFuture<Void> starting =
          CompletableFuture.runAsync(
              () -> {
                try {
                  ua.start();
                } catch (SipStartException | IllegalStateException e) {
                  // losing the race to close is fine
                }
              });
      ua.close();
      starting.get(10, TimeUnit.SECONDS);
      ua.close();
    }
    assertThat(leakedSince(before)).isEmpty();
  }

  @Test
  void closeHangsUpEstablishedCallsAndReportsShutdown() throws Exception {
    int port = FreePorts.udpAndTcp();
    RecordingCallHandler handler = new RecordingCallHandler();
    SipUserAgent ua = new SipUserAgent(config(port), handler);
    ua.start();
    try {
      CompletableFuture<Sipp.Result> caller =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Sipp.call(work, "uac-bot-hangs-up.xml", port, "u1");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(handler.events.poll(10, TimeUnit.SECONDS)).isEqualTo("invite");
      assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("decided");
      assertThat(handler.events.poll(5, TimeUnit.SECONDS)).isEqualTo("established");

      ua.close();

      Sipp.Result r = caller.get(30, TimeUnit.SECONDS);
      assertThat(r.passed()).as("SIPp exit %d\n%s", r.exitCode(), r.log()).isTrue();
      assertThat(handler.eventsUntilEnded(Duration.ofSeconds(2))).containsExactly("ended:Shutdown");
    } finally {
      ua.close();
    }
  }
}
