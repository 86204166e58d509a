package dev.voicebot.app.bench;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Utterance;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.rtp.clock.TickHistogram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The full pipeline's ladder: N corpus callers at once (one SIPp process each, started
 * {@code staggerMillis} apart), each asking one request after the greeting in a voice that is not
 * the bot's; a call counts as answered correctly when its record has the reply to that intent
 * (the callers benchmark's check, {@link CallMeasures#replied}).
 *
 * <p>Caller i is the same at every step (voice, phrasing), so a step of N is the first N callers.
 * Before the ladder, {@link #baseline} places every caller {@value #BASELINE_AT_ONCE} at a time:
 * the callers answered correctly there are the ones the recognizer understands without load, and
 * what capacity must keep. Callers it misreads even then (voices it finds hard) measure the
 * recognizer, not the capacity.
 */
final class SpeechLadder {

  /** The caller speaks after the greeting (3.7 s of Festival slt), as in the callers benchmark. */
  private static final int AFTER_GREETING_MS = 4500;
  private static final int REPLY_MS = 7000;
  /** The baseline's calls at once: a load that costs the recognizer nothing (measured: no lag at 4). */
  static final int BASELINE_AT_ONCE = 4;

  private record Caller(int index, Voice voice, Utterance utterance, CallerAudio audio, Path dir, int sipPort,
      int mediaPort) {}

  private final RunningBot bot;
  private final Dialplan dialplan;
  private final CallerCorpus corpus;
  private final Path work;
  private final int sipPortMin;
  private final int mediaPortMin;
  private final int staggerMillis;

  SpeechLadder(RunningBot bot, Dialplan dialplan, CallerCorpus corpus, Path work, int sipPortMin, int mediaPortMin,
      int staggerMillis) {
    this.bot = bot;
    this.dialplan = dialplan;
    this.corpus = corpus;
    this.work = work;
    this.sipPortMin = sipPortMin;
    this.mediaPortMin = mediaPortMin;
    this.staggerMillis = staggerMillis;
  }

  /**
   * Places callers 0..n-1 {@value #BASELINE_AT_ONCE} at a time; returns the indexes of those
   * answered correctly.
   */
  Set<Integer> baseline(int n) throws IOException, InterruptedException {
    var understood = new TreeSet<Integer>();
    List<Caller> all = plan(n);
    for (int first = 0; first < n; first += BASELINE_AT_ONCE) {
      List<Caller> group = all.subList(first, Math.min(n, first + BASELINE_AT_ONCE));
      Instant start = Instant.now();
      run(group);
      List<CallRecord> records = ended(start, group.size());
      for (Caller c : group) {
        if (recordOf(c, records).filter(r -> CallMeasures.replied(r.transcript(), dialplan, c.utterance().intent()))
            .isPresent()) {
          understood.add(c.index());
        } else {
          System.out.printf("  baseline: caller %d (%s) not understood: \"%s\"%n", c.index(), c.voice().label(),
              c.utterance().text());
        }
      }
    }
    return understood;
  }

  private void run(List<Caller> callers) throws InterruptedException {
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), bot.sipPort());
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var runs = new ArrayList<Future<Sipp.Result>>();
      for (int i = 0; i < callers.size(); i++) {
        Caller c = callers.get(i);
        long delay = (long) i * staggerMillis;
        runs.add(pool.submit(() -> {
          Thread.sleep(delay);
          long millis = Math.round(c.audio().seconds() * 1000) + REPLY_MS;
          return sipp.call("corpus-caller", "100", c.dir(), c.sipPort(), c.mediaPort(),
              Duration.ofMillis(millis + 30_000), "-d", Long.toString(millis));
        }));
      }
      for (var r : runs) {
        try {
          r.get();
        } catch (java.util.concurrent.ExecutionException e) {
          System.out.println("SIPp run failed: " + e.getCause());
        }
      }
    }
  }

  private static java.util.Optional<CallRecord> recordOf(Caller c, List<CallRecord> records) {
    return records.stream().filter(r -> r.from() != null && r.from().contains(":" + c.sipPort())).findFirst();
  }

  /**
   * @param understoodAlone the callers the {@link #baseline} understood; those still answered
   *     correctly at this step are counted as kept
   */
  CapacityStep step(int n, Set<Integer> understoodAlone, long idleHeap) throws IOException, InterruptedException {
    List<Caller> callers = plan(n);
    var clock = bot.bean(MediaClock.class);
    var handler = bot.bean(BotCallHandler.class);
    var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), bot.sipPort());
    Instant stepStart = Instant.now();
    TickHistogram.Snapshot latenessBefore = clock.lateness();
    TickHistogram.Snapshot workBefore = clock.work();
    ClockCpu clockCpu = ClockCpu.start(clock);
    long skippedBefore = clock.skippedTicks();
    ProcessSample before = ProcessSample.take(false);
    ProcessSample withCalls = null;
    TickHistogram.Snapshot latenessWalk = null;
    TickHistogram.Snapshot workWalk = null;
    long skippedWalk = 0;
    int peak = 0;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var runs = new ArrayList<Future<Sipp.Result>>();
      for (Caller c : callers) {
        runs.add(pool.submit(() -> {
          Thread.sleep((long) c.index() * staggerMillis);
          long millis = Math.round(c.audio().seconds() * 1000) + REPLY_MS;
          return sipp.call("corpus-caller", "100", c.dir(), c.sipPort(), c.mediaPort(),
              Duration.ofMillis(millis + 30_000), "-d", Long.toString(millis));
        }));
      }
      // Heap with every call up: once all are active (bounded), during the greetings.
      long deadline = System.nanoTime() + Duration.ofMillis(5000 + (long) n * staggerMillis).toNanos();
      while (System.nanoTime() < deadline && handler.activeCalls() < n) {
        peak = Math.max(peak, handler.activeCalls());
        Thread.sleep(20);
      }
      peak = Math.max(peak, handler.activeCalls());
      // The heap walk stops every thread, the clock too: its ticks and the catch-up after it are
      // left out of the pacing (100 ms more), which is the calls' and not the benchmark's.
      TickHistogram.Snapshot latenessPaused = clock.lateness();
      TickHistogram.Snapshot workPaused = clock.work();
      long skippedPaused = clock.skippedTicks();
      withCalls = ProcessSample.take(true);
      Thread.sleep(100);
      latenessWalk = clock.lateness().since(latenessPaused);
      workWalk = clock.work().since(workPaused);
      skippedWalk = clock.skippedTicks() - skippedPaused;
      for (var run : runs) {
        try {
          run.get();
        } catch (java.util.concurrent.ExecutionException e) {
          System.out.println("SIPp run failed: " + e.getCause());
        }
      }
    }
    ProcessSample after = ProcessSample.take(false);
    double clockCpuMs = clockCpu.perTickMillis(clock);
    TickHistogram.Snapshot lateness = clock.lateness().since(latenessBefore).since(latenessWalk);
    TickHistogram.Snapshot work = clock.work().since(workBefore).since(workWalk);

    List<CallRecord> records = ended(stepStart, n);
    int answered = 0;
    int correct = 0;
    int alone = 0;
    int kept = 0;
    long late = 0;
    long lost = 0;
    for (Caller c : callers) {
      var record = recordOf(c, records);
      boolean understood = understoodAlone.contains(c.index());
      alone += understood ? 1 : 0;
      if (record.isEmpty()) {
        System.out.printf("  caller %d (%s, %s): no call record%n", c.index(), c.voice().label(), c.utterance().intent());
        continue;
      }
      answered++;
      var r = record.get();
      boolean ok = CallMeasures.replied(r.transcript(), dialplan, c.utterance().intent());
      correct += ok ? 1 : 0;
      kept += ok && understood ? 1 : 0;
      if (r.media() != null) {
        late += r.media().packetsLate();
        lost += r.media().packetsLost();
      }
      if (!ok) {
        System.out.printf("  caller %d (%s%s) asked %s: \"%s\"; heard: %s%n", c.index(), c.voice().label(),
            understood ? ", understood without load" : "", c.utterance().intent(), c.utterance().text(), r.transcript().stream()
                .map(l -> l.speaker() + ": " + l.text()).toList());
      }
    }
    long bytesPerCall = peak > 0 ? (withCalls.heapBytes() - idleHeap) / peak : Long.MIN_VALUE;
    return new CapacityStep("speech", n, answered, correct, alone, kept, peak, lateness.quantileMillis(0.5),
        lateness.quantileMillis(0.99), lateness.quantileMillis(1.0), work.quantileMillis(0.99), clockCpuMs,
        lateness.atLeastMillis(5),
        clock.skippedTicks() - skippedBefore - skippedWalk, late, lost, after.corePercentPerCall(before, n), withCalls.heapBytes(),
        bytesPerCall, after.loadAverage(), after.secondsSince(before));
  }

  /**
   * N callers: the corpus voices in turn, requests stepped through the corpus (a different
   * phrasing for each caller), each in its own directory with its caller.pcap.
   */
  private List<Caller> plan(int n) throws IOException {
    var requests = corpus.utterances(Utterance.Kind.REQUEST);
    var voices = Voice.callers();
    var line = LineCondition.CLEAN;
    var out = new ArrayList<Caller>();
    for (int i = 0; i < n; i++) {
      Voice voice = voices.get(i % voices.size());
      Utterance u = requests.get((i * 5 + i / requests.size()) % requests.size());
      CallerAudio audio = corpus.say(voice, u.text(), line).padded(AFTER_GREETING_MS, 0, line);
      Path dir = Files.createDirectories(work.resolve("call-" + i));
      RtpPcapWriter.writePcmu(audio.pcm8k(), dir.resolve("caller.pcap"));
      out.add(new Caller(i, voice, u, audio, dir, sipPortMin + i, mediaPortMin + i * 4));
    }
    return out;
  }

  /** The records of calls that started in this step, once {@code n} of them ended (at most 20 s). */
  private List<CallRecord> ended(Instant stepStart, int n) throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<CallRecord> mine;
    do {
      mine = store.list().stream().filter(r -> !r.startedAt().isBefore(stepStart)).toList();
      if (mine.stream().filter(r -> r.endedAt() != null).count() >= n) {
        break;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return mine;
  }
}
