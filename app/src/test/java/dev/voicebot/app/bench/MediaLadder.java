package dev.voicebot.app.bench;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.rtp.clock.TickHistogram;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The media plane alone ({@code voicebot.bench.media-only}: each call answered by the echo): one
 * SIPp process places N calls at {@code perSecond}, every caller playing the same corpus speech
 * from the answer on; once all are up (and 2 s more), a {@value #WINDOW_SECONDS} s window measures
 * pacing, packets and CPU, then a full GC gives the heap with the calls up. Also the soak: many
 * short calls in a row, heap, threads and descriptors before and after.
 */
final class MediaLadder {

  static final int WINDOW_SECONDS = 10;
  private static final int SETTLE_MILLIS = 2000;
  private static final int SIP_LINGER_MILLIS = 40_000;
  private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");

  private final RunningBot bot;
  private final Path work;
  private final int sipPort;
  private final int mediaPort;
  private final int perSecond;
  private final Path pcap;

  /** {@code callerPcm8k}: what every caller sends, at least as long as a step's calls last. */
  MediaLadder(RunningBot bot, Path work, int sipPort, int mediaPort, int perSecond, short[] callerPcm8k)
      throws IOException {
    this.bot = bot;
    this.work = work;
    this.sipPort = sipPort;
    this.mediaPort = mediaPort;
    this.perSecond = perSecond;
    this.pcap = Files.createDirectories(work).resolve("caller.pcap");
    RtpPcapWriter.writePcmu(callerPcm8k, pcap);
  }

  /** How long a step of {@code n} calls holds each call: ramp, settle, window, the GC, a margin. */
  static int holdMillis(int n, int perSecond) {
    return (int) Math.ceil((double) n / perSecond) * 1000 + SETTLE_MILLIS + WINDOW_SECONDS * 1000 + 6000;
  }

  CapacityStep step(int n, long idleHeap) throws IOException, InterruptedException {
    var clock = bot.bean(MediaClock.class);
    var handler = bot.bean(BotCallHandler.class);
    int hold = holdMillis(n, perSecond);
    double answeredBefore = counter("voicebot.calls.answered");
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var run = CompletableFuture.supplyAsync(() -> load(n, n, hold, "media-" + n), pool);
      long rampDeadline = System.nanoTime() + Duration.ofMillis(n * 1000L / perSecond + 10_000).toNanos();
      while (System.nanoTime() < rampDeadline && handler.activeCalls() < n && !run.isDone()) {
        Thread.sleep(50);
      }
      Thread.sleep(SETTLE_MILLIS);
      TickHistogram.Snapshot latenessBefore = clock.lateness();
      TickHistogram.Snapshot workBefore = clock.work();
      ClockCpu clockCpu = ClockCpu.start(clock);
      long skippedBefore = clock.skippedTicks();
      double lateBefore = counter("voicebot.media.rtp.packets.late");
      double lostBefore = counter("voicebot.media.rtp.packets.lost");
      double receivedBefore = counter("voicebot.media.rtp.packets.received");
      ProcessSample before = ProcessSample.take(false);
      int peak = handler.activeCalls();
      int least = peak;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
      while (System.nanoTime() < end) {
        Thread.sleep(100);
        int active = handler.activeCalls();
        peak = Math.max(peak, active);
        least = Math.min(least, active);
      }
      ProcessSample after = ProcessSample.take(false);
      double clockCpuMs = clockCpu.perTickMillis(clock);
      TickHistogram.Snapshot lateness = clock.lateness().since(latenessBefore);
      TickHistogram.Snapshot work = clock.work().since(workBefore);
      long skipped = clock.skippedTicks() - skippedBefore;
      long late = Math.round(counter("voicebot.media.rtp.packets.late") - lateBefore);
      long lost = Math.round(counter("voicebot.media.rtp.packets.lost") - lostBefore);
      double received = counter("voicebot.media.rtp.packets.received") - receivedBefore;
      int upForGc = handler.activeCalls();
      ProcessSample withCalls = ProcessSample.take(true);
      Sipp.Result result = run.join();
      int answered = (int) Math.round(counter("voicebot.calls.answered") - answeredBefore);
      System.out.printf("media %d: %d answered, %d-%d up in the window, %.0f%% of the expected caller packets received,"
              + " SIPp %s (%d completed)%n", n, answered, least, peak,
          100 * received / (50.0 * WINDOW_SECONDS * Math.max(1, (least + peak) / 2.0)),
          result.passed() ? "ok" : "exit " + result.exitCode(), completed(result));
      long bytesPerCall = upForGc > 0 ? (withCalls.heapBytes() - idleHeap) / upForGc : Long.MIN_VALUE;
      return new CapacityStep("media", n, answered, -1, -1, -1, peak, lateness.quantileMillis(0.5),
          lateness.quantileMillis(0.99), lateness.quantileMillis(1.0), work.quantileMillis(0.99), clockCpuMs,
          lateness.atLeastMillis(5), skipped, late, lost,
          after.corePercentPerCall(before, peak), withCalls.heapBytes(), bytesPerCall, after.loadAverage(),
          after.secondsSince(before));
    }
  }

  /**
   * {@code calls} short calls ({@code holdMillis} each), at most {@code concurrent} at once, in
   * two halves with the heap, threads and descriptors after each.
   */
  CapacityReport.Soak soak(int calls, int concurrent, int holdMillis) throws InterruptedException {
    ProcessSample before = ProcessSample.take(true);
    double answeredBefore = counter("voicebot.calls.answered");
    int completed = 0;
    ProcessSample half = null;
    for (int part = 0; part < 2; part++) {
      int n = part == 0 ? calls / 2 : calls - calls / 2;
      completed += Math.max(0, completed(load(n, concurrent, holdMillis, "soak-" + part)));
      idle();
      ProcessSample sample = ProcessSample.take(true);
      if (part == 0) {
        half = sample;
      } else {
        int answered = (int) Math.round(counter("voicebot.calls.answered") - answeredBefore);
        return new CapacityReport.Soak(calls, answered, completed, before, half, sample, sample.secondsSince(before));
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * Every call gone (at most 30 s), then the SIP stack's linger: a UDP server transaction stays
   * 32 s after its final response to absorb retransmissions (Timer J, RFC 3261 17.2.2), so right
   * after a burst the stack holds the last half-minute's transactions and dialogs (measured: 53 MB
   * of live heap after 4,000 calls at 100/s). Not a leak, but not what the soak looks for.
   */
  private void idle() throws InterruptedException {
    var handler = bot.bean(BotCallHandler.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (handler.activeCalls() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(SIP_LINGER_MILLIS);
  }

  private Sipp.Result load(int calls, int concurrent, int holdMillis, String name) {
    try {
      Path dir = Files.createDirectories(work.resolve(name));
      Files.copy(pcap, dir.resolve("caller.pcap"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      long seconds = (long) Math.ceil((double) calls / perSecond) + holdMillis / 1000 + 60;
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), bot.sipPort());
      return sipp.load("corpus-caller", "100", dir, sipPort, mediaPort, calls, concurrent, perSecond,
          Duration.ofSeconds(seconds), "-d", Integer.toString(holdMillis));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while SIPp ran", e);
    }
  }

  /** Calls SIPp completed, from its final statistics screen; -1 when it printed none. */
  static int completed(Sipp.Result result) {
    var m = SUCCESSFUL.matcher(result.output());
    int last = -1;
    while (m.find()) {
      last = Integer.parseInt(m.group(1));
    }
    return last;
  }

  private double counter(String name) {
    var found = bot.bean(MeterRegistry.class).find(name);
    var function = found.functionCounter();
    if (function != null) {
      return function.count();
    }
    var plain = found.counter();
    return plain == null ? 0 : plain.count();
  }
}
