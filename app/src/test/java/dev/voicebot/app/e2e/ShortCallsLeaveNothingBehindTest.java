package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.inference.Shed;
import dev.voicebot.rtp.RtpBridge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of 200 short calls, eight at a time, each caller saying a word after the greeting (so
 * calls open recognizers): afterwards nothing of them is left in the bot: no active call, no
 * open recognition stream, no RTP session or UDP socket in its port range, no extra platform
 * thread.
 */
@Timeout(120)
class ShortCallsLeaveNothingBehindTest {

  private static final int SIP_PORT = 52060;
  private static final int RTP_MIN = 52200;
  private static final int CALLS = 200;

  /** A greeting over before the caller speaks, so that every caller is heard as a caller. */
  private static final String SHORT_LINE = """
      name: Short line
      numbers: ["short"]
      recording: false
      greeting: Hi.
      reprompt: Sorry?
      goodbye: Bye.
      silence:
        timeout: 10s
        prompt: Hello?
      intents:
        - name: hours
          phrases: [hours]
          reply: Nine to five.
      """;

  @TempDir Path work;

  @Test
  void twoHundredShortCallsLeaveNoCallStreamSocketOrThreadBehind() throws Exception {
    // The soak is about leaks, not admission: the lag check is off, and the limit is three times SIPp's
    // eight, since a call's slot comes back a moment after SIPp has its BYE answered.
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of("short.yaml", SHORT_LINE), Map.of(
        "voicebot.calls.max-concurrent", 24, "voicebot.calls.max-inference-lag", "0s"))) {
      Path dir = Files.createDirectories(work.resolve("calls"));
      var hello = CallerCorpus.open().say(Voice.FLITE_KAL16, "Hello.", LineCondition.CLEAN)
          .padded(1_300, 200, LineCondition.CLEAN);
      RtpPcapWriter.writePcmu(hello.pcm8k(), dir.resolve("caller.pcap"));
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      var meters = bot.bean(MeterRegistry.class);
      var load = bot.bean(InferenceLoad.class);
      var threads = ManagementFactory.getThreadMXBean();

      // One call first: whatever is created once, on the first call, is not a leak.
      var first = sipp.call("corpus-caller", "short", dir, SIP_PORT + 10, RTP_MIN + 400, Duration.ofSeconds(30),
          "-d", "2000");
      assertThat(first.passed()).as(first.output()).isTrue();
      awaitQuiet(bot, meters, 1);
      int threadsBefore = threads.getThreadCount();

      long start = System.nanoTime();
      var soak = sipp.call("corpus-caller", "short", dir, SIP_PORT + 12, RTP_MIN + 420, Duration.ofSeconds(80),
          "-d", "2000", "-m", Integer.toString(CALLS), "-l", "8", "-r", "30");
      assertThat(soak.passed()).as(soak.output()).isTrue();
      awaitQuiet(bot, meters, CALLS + 1);
      long streamsOpened = load.streamsOpened();
      System.out.printf("soak: %d calls in %d ms; %d recognition streams opened; platform threads %d before, %d after;"
          + " shed: %s%n", CALLS, (System.nanoTime() - start) / 1_000_000, streamsOpened, threadsBefore,
          threads.getThreadCount(), Arrays.stream(Shed.values()).map(s -> s + "=" + load.shedCount(s)).toList());

      assertThat(bot.bean(BotCallHandler.class).activeCalls()).as("active calls").isZero();
      assertThat(bot.bean(RtpBridge.class).activeSessions()).as("RTP sessions").isZero();
      assertThat(udpSocketsBetween(RTP_MIN, bot.rtpMax())).as("UDP sockets in the RTP range").isEmpty();
      // Not every caller's word starts a turn before their hangup on a busy machine (176 of 201 streams
      // opened in one run, at load average 10): enough of them to show that they all close.
      assertThat(streamsOpened).as("recognition streams opened").isGreaterThanOrEqualTo(CALLS / 10);
      // A stream closes on its call's lane, after the work queued before it: soon, never later.
      assertThat(awaitTrue(() -> load.openStreams() == 0, Duration.ofSeconds(10)))
          .as("recognition streams still open: %d", load.openStreams()).isTrue();
      assertThat(awaitTrue(() -> threads.getThreadCount() <= threadsBefore + 2, Duration.ofSeconds(10)))
          .as("platform threads: %d before the soak, %d after", threadsBefore, threads.getThreadCount()).isTrue();
    }
  }

  /** Waits until {@code calls} calls have ended and none is active (bounded). */
  private static void awaitQuiet(RunningBot bot, MeterRegistry meters, int calls) throws InterruptedException {
    var handler = bot.bean(BotCallHandler.class);
    boolean quiet = awaitTrue(() -> ended(meters) >= calls && handler.activeCalls() == 0, Duration.ofSeconds(20));
    assertThat(quiet).as("%d calls ended (of %d), %d active", (long) ended(meters), calls, handler.activeCalls()).isTrue();
  }

  private static double ended(MeterRegistry meters) {
    return meters.find("voicebot.calls.ended").counters().stream().mapToDouble(Counter::count).sum();
  }

  private static boolean awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Local UDP ports in {@code [min, max]} with a socket bound, from the kernel's table. */
  private static List<Integer> udpSocketsBetween(int min, int max) throws IOException {
    return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1)
        .map(line -> line.trim().split("\\s+")[1])
        .map(local -> Integer.parseInt(local.substring(local.indexOf(':') + 1), 16))
        .filter(port -> port >= min && port <= max)
        .toList();
  }
}
