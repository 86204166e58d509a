package dev.voicebot.app.bench;

import dev.voicebot.app.dialplan.DialplanRegistry;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Utterance;
import dev.voicebot.pipeline.corpus.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capacity benchmark: a ladder of concurrent calls against the in-process bot, with the full
 * speech pipeline ({@code speech}) or the media plane alone ({@code media}: voicebot.bench.media-only,
 * followed by a soak of many short calls). Writes the markdown tables to a file.
 *
 * <p>Run with {@code scripts/bench-capacity.sh}; arguments here: the mode, the steps (calls at
 * once, comma-separated), the file for the tables, and for {@code media} the soak's call count
 * (0: no soak). Ports: the bot's SIP 54500, HTTP 54501, Festival 54502, RTP 53000-54199 (600
 * calls); SIPp's SIP 54600-54699 and media 55000-55999.
 */
public final class CapacityBenchmark {

  private static final int SIP_PORT = 54500;
  private static final int RTP_MIN = 53000;
  private static final int RTP_MAX = 54199;
  private static final int SIPP_SIP_MIN = 54600;
  private static final int SIPP_MEDIA_MIN = 55000;
  /** Speech callers start this far apart: all up within a second or two, not one burst of INVITEs. */
  private static final int STAGGER_MILLIS = 50;
  private static final int SOAK_CONCURRENT = 100;
  private static final int CALLS_PER_SECOND = Integer.getInteger("voicebot.bench.calls-per-second", 50);

  private CapacityBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || !(args[0].equals("speech") || args[0].equals("media"))) {
      throw new IllegalArgumentException("usage: CapacityBenchmark speech|media N1,N2,... tables.md [soak calls]");
    }
    boolean media = args[0].equals("media");
    List<Integer> steps = Arrays.stream(args[1].split(",")).map(String::strip).map(Integer::parseInt).toList();
    if (steps.stream().anyMatch(n -> n < 1 || n > (RTP_MAX - RTP_MIN + 1) / 2 || (!media && n > 250))) {
      throw new IllegalArgumentException("steps must be 1-" + (RTP_MAX - RTP_MIN + 1) / 2 + " calls (speech: 1-250): " + steps);
    }
    Path tables = Path.of(args[2]);
    int soakCalls = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    int maxStep = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
    Path work = Files.createTempDirectory("voicebot-capacity");
    Map<String, Object> properties = new HashMap<>(Map.of(
        "voicebot.calls.max-concurrent", Math.max(maxStep, SOAK_CONCURRENT) + 10,
        // One address places every call: the per-source limit (20/s) is for scanners, not this.
        "voicebot.sip.rate-limit.per-second", 2000,
        "voicebot.sip.rate-limit.burst", 4000,
        "server.port", SIP_PORT + 1,
        "voicebot.festival.port", SIP_PORT + 2));
    if (media) {
      properties.put("voicebot.bench.media-only", true);
      properties.put("voicebot.recordings.enabled", false); // disk writes are not the media plane
    }
    var corpus = CallerCorpus.open();
    var results = new ArrayList<CapacityStep>();
    var markdown = new StringBuilder();
    java.util.OptionalInt capacity = java.util.OptionalInt.empty();
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, RTP_MAX, Map.of(), properties)) {
      // The JIT compiles the hot paths in the first step's calls: a warm-up step, then the ladder.
      long idleHeap = ProcessSample.take(true).heapBytes();
      System.out.printf("%s ladder %s; idle live heap %.1f MB%n", args[0], steps, idleHeap / 1e6);
      if (media) {
        var ladder = new MediaLadder(bot, work.resolve("media"), SIPP_SIP_MIN, SIPP_MEDIA_MIN, CALLS_PER_SECOND,
            callerSide(corpus, MediaLadder.holdMillis(maxStep, CALLS_PER_SECOND) + 2000));
        System.out.println("warm-up (not reported): " + ladder.step(steps.getFirst(), idleHeap));
        settle(bot);
        for (int n : steps) {
          results.add(print(ladder.step(n, idleHeap)));
          settle(bot);
        }
        markdown.append(CapacityReport.mediaTable(results)).append('\n').append(CapacityReport.knee(results)).append('\n');
        if (soakCalls > 0) {
          var soak = ladder.soak(soakCalls, SOAK_CONCURRENT, 1000);
          String table = CapacityReport.soak(soak);
          System.out.println(table);
          markdown.append("\n### Soak: ").append(soakCalls).append(" short media-only calls\n\n").append(table);
        }
      } else {
        var dialplan = bot.bean(DialplanRegistry.class).forNumber("100").dialplan();
        var ladder = new SpeechLadder(bot, dialplan, corpus, work.resolve("speech"), SIPP_SIP_MIN, SIPP_MEDIA_MIN,
            STAGGER_MILLIS);
        System.out.println("warm-up (not reported): " + ladder.step(steps.getFirst(), Set.of(), idleHeap));
        settle(bot);
        Set<Integer> understood = ladder.baseline(maxStep);
        System.out.printf("baseline (%d at once): %d of %d callers understood%n", SpeechLadder.BASELINE_AT_ONCE,
            understood.size(), maxStep);
        settle(bot);
        for (int n : steps) {
          results.add(print(ladder.step(n, understood, idleHeap)));
          settle(bot);
        }
        markdown.append(CapacityReport.speechTable(results)).append('\n').append(CapacityReport.knee(results)).append('\n');
        capacity = CapacityReport.lastGoodStep(results);
      }
    }
    Files.createDirectories(tables.toAbsolutePath().getParent());
    Files.writeString(tables, markdown.toString());
    String capacityFile = System.getProperty("voicebot.bench.capacity-file", "");
    if (!capacityFile.isEmpty() && capacity.isPresent()) {
      // The calibration the app's call limit reads (voicebot.calls.capacity-file): the knee.
      Files.writeString(Path.of(capacityFile), String.format(java.util.Locale.ROOT,
          "# Written by scripts/bench-capacity.sh on %s: the speech ladder %s met the targets up to here.%n"
              + "%s=%d%n", java.time.Instant.now(), steps, dev.voicebot.app.call.CallLimits.CAPACITY_KEY,
          capacity.getAsInt()));
      System.out.println("wrote " + capacityFile + ": " + dev.voicebot.app.call.CallLimits.CAPACITY_KEY + "=" + capacity.getAsInt());
    } else if (!capacityFile.isEmpty() && !media) {
      System.out.println("no step met the targets: " + capacityFile + " not written");
    }
    System.out.println();
    System.out.println(markdown);
  }

  private static CapacityStep print(CapacityStep s) {
    System.out.println(s);
    return s;
  }

  /** Between steps: every call of the last one gone (at most 30 s), so steps do not overlap. */
  private static void settle(RunningBot bot) throws InterruptedException {
    var handler = bot.bean(dev.voicebot.app.call.BotCallHandler.class);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (handler.activeCalls() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1000);
  }

  /**
   * What every media-only caller sends: corpus requests in the caller voices, 800 ms apart, for
   * at least {@code millis} (a talking caller, so the echo canceller has a far end to work on).
   */
  private static short[] callerSide(CallerCorpus corpus, int millis) {
    var line = LineCondition.CLEAN;
    var requests = corpus.utterances(Utterance.Kind.REQUEST);
    var voices = Voice.callers();
    CallerAudio all = null;
    for (int i = 0; all == null || all.seconds() * 1000 < millis; i++) {
      CallerAudio next = corpus.say(voices.get(i % voices.size()), requests.get(i % requests.size()).text(), line)
          .padded(800, 0, line);
      all = all == null ? next : all.then(next);
    }
    return all.pcm8k();
  }
}
