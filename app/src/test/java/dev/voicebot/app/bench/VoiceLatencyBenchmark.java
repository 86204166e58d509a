package dev.voicebot.app.bench;

import dev.voicebot.app.harness.CallTimeline;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.PacketCapture;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Places N calls with SIPp against the bot, captures RTP on loopback, and prints at the caller's
 * side: voice-to-voice latency for the opening-hours question (caller's last voiced packet → bot's
 * first voiced packet), barge-in stop time (caller's first voiced packet over the greeting → the
 * bot's last voiced packet), and the per-stage breakdown from the call records.
 *
 * <p>Run with {@code scripts/bench-latency.sh [calls]}.
 */
public final class VoiceLatencyBenchmark {

  private static final int SIP_PORT = 35060;
  private static final int RTP_MIN = 36000;

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path work = Files.createTempDirectory("voicebot-bench");
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of())) {
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);
      Path dir = Files.createDirectories(work.resolve("calls"));
      short[] question = new CallerVoice(dir).speak8k("What are your opening hours?");
      RtpPcapWriter.writePcmu(CallerVoice.pad(question, 0.2, 0.6), dir.resolve("caller.pcap"));

      var voiceToVoice = new ArrayList<Double>();
      var bargeIn = new ArrayList<Double>();
      int port = 35100;
      for (int i = 0; i < calls; i++) {
        voiceToVoice.add(measure(sipp, dir, bot, "ask-question", port += 4, CallTimeline::voiceToVoiceMicros));
        bargeIn.add(measure(sipp, dir, bot, "barge-in", port += 4, CallTimeline::bargeInStopMicros));
      }
      System.out.println();
      System.out.printf("calls: %d of each scenario, bot on 127.0.0.1:%d, %d cores%n", calls, SIP_PORT,
          Runtime.getRuntime().availableProcessors());
      report("voice-to-voice (hours question), ms", voiceToVoice);
      report("barge-in: bot kept talking after caller onset, ms", bargeIn);
      stages(bot.bean(CallRecordStore.class).list());
    }
  }

  private static double measure(Sipp sipp, Path dir, RunningBot bot, String scenario, int port,
      Function<CallTimeline, java.util.OptionalLong> metric) throws Exception {
    try (var capture = PacketCapture.start(dir, scenario + "-" + port, RTP_MIN, RTP_MIN + 199)) {
      var result = sipp.call(scenario, "100", dir, port, port + 2, Duration.ofSeconds(60));
      var timeline = CallTimeline.of(capture.stop(), bot.rtpMin(), bot.rtpMax());
      var value = metric.apply(timeline);
      double ms = value.isPresent() ? value.getAsLong() / 1000.0 : Double.NaN;
      System.out.printf("%-14s sipp=%s %8.1f ms%n", scenario, result.passed() ? "ok" : "FAILED(" + result.exitCode() + ")", ms);
      return ms;
    }
  }

  private static void report(String what, List<Double> values) {
    var sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    if (sorted.isEmpty()) {
      System.out.printf("%-52s no measurement%n", what);
      return;
    }
    System.out.printf("%-52s n=%d p50=%.0f p95=%.0f max=%.0f (missing: %d)%n", what, sorted.size(),
        percentile(sorted, 0.50), percentile(sorted, 0.95), sorted.getLast(), values.size() - sorted.size());
  }

  private static void stages(List<CallRecord> records) {
    var turns = records.stream().flatMap(r -> r.turns().stream()).filter(t -> t.callerText() != null && !t.callerText().isEmpty()).toList();
    System.out.println("per-stage breakdown of spoken turns (from the call records), ms:");
    stage("  last voiced frame -> endpoint decided", turns, CallRecord.Turn::endpointMs);
    stage("  endpoint -> STT final", turns, CallRecord.Turn::sttMs);
    stage("  STT final -> reply decided", turns, CallRecord.Turn::brainMs);
    stage("  reply -> first TTS audio", turns, CallRecord.Turn::ttsMs);
    stage("  last voiced frame -> first audio queued", turns, CallRecord.Turn::responseMs);
    stage("  first audio queued -> first RTP packet sent", turns, CallRecord.Turn::playoutMs);
    stage("  last voiced frame -> first RTP packet sent", turns, CallRecord.Turn::firstPacketMs);
  }

  private static void stage(String what, List<CallRecord.Turn> turns, Function<CallRecord.Turn, Long> field) {
    report(what, turns.stream().map(field).filter(Objects::nonNull).map(Long::doubleValue).toList());
  }

  /** The {@code p} quantile (nearest rank) of sorted values; the callers benchmark uses it too. */
  static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
