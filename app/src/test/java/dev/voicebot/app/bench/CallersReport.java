package dev.voicebot.app.bench;

import dev.voicebot.pipeline.corpus.WordErrorRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** The callers benchmark's markdown tables, from every call's {@link CallMeasures}. */
final class CallersReport {

  /** A greeting this many voiced packets (20 ms each) shorter than the clean calls' is cut. */
  private static final int CUT_PACKETS = 10;
  /** A pause inside the greeting this much longer than the clean calls' longest is a pause for a false barge-in. */
  private static final long PAUSE_MS = 300;

  private final List<CallMeasures> calls;
  private final int referencePackets;
  private final long referenceGapMs;
  private final boolean humanDigits;

  CallersReport(List<CallMeasures> calls, boolean humanDigits) {
    this.calls = List.copyOf(calls);
    this.humanDigits = humanDigits;
    // The greeting as a caller who is silent through it hears it: clean echo-free calls.
    var clean = calls.stream().filter(c -> !c.call().echoing() && !c.call().condition().noisy()
        && c.call().kind() != PlannedCall.Kind.TALK_OVER).toList();
    var packets = clean.stream().mapToInt(CallMeasures::greetingPackets).sorted().toArray();
    this.referencePackets = packets.length == 0 ? 0 : packets[packets.length / 2];
    this.referenceGapMs = clean.stream().filter(c -> c.greetingPackets() >= referencePackets - CUT_PACKETS)
        .mapToLong(CallMeasures::greetingGapMs).max().orElse(0);
  }

  /** Whether the bot cut or paused its greeting though the caller said nothing over it. */
  boolean falseBargeIn(CallMeasures c) {
    return c.call().kind() != PlannedCall.Kind.TALK_OVER
        && (c.greetingPackets() < referencePackets - CUT_PACKETS || c.greetingGapMs() > referenceGapMs + PAUSE_MS);
  }

  String markdown() {
    var out = new StringBuilder();
    out.append("## Requests (after the greeting) and talk-over (over it), per caller voice\n\n");
    out.append("| line | caller | condition | calls | intent ok | WER | voice-to-voice p50 / p95 ms (replies) "
        + "| barge-in stop p50 / p95 ms (n) | false barge-ins | self-heard lines |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var group : groups(c -> c.call().kind() == PlannedCall.Kind.REQUEST || c.call().kind() == PlannedCall.Kind.TALK_OVER,
        true).entrySet()) {
      out.append(requestRow(group.getKey(), group.getValue()));
    }
    out.append("\nAll voices together:\n\n");
    out.append("| line | caller | condition | calls | intent ok | WER | voice-to-voice p50 / p95 ms (replies) "
        + "| barge-in stop p50 / p95 ms (n) | false barge-ins | self-heard lines |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var group : groups(c -> c.call().kind() == PlannedCall.Kind.REQUEST || c.call().kind() == PlannedCall.Kind.TALK_OVER,
        false).entrySet()) {
      out.append(requestRow(group.getKey(), group.getValue()));
    }

    out.append("\n## Human order numbers (fsdd speakers, after \"where is my order\")\n\n");
    var orders = groups(c -> c.call().kind() == PlannedCall.Kind.ORDER_NUMBER, true);
    if (orders.isEmpty()) {
      out.append(humanDigits ? "Not in this run.\n"
          : "Not measured: the fsdd recordings were not found (../shared/data/fsdd).\n");
    } else {
      out.append("| line | speaker | condition | calls | asked for the number | read back exactly | WER "
          + "| voice-to-voice p50 / p95 ms (replies) | false barge-ins | self-heard lines |\n");
      out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (var group : orders.entrySet()) {
        var list = group.getValue();
        long exact = list.stream().filter(c -> c.call().digits().equals(c.readBack())).count();
        out.append(String.format("| %s | %d | %s | %d/%d | %s | %s | %s | %s |%n", group.getKey(), list.size(),
            ratio(list, c -> Boolean.TRUE.equals(c.intentOk())), exact, list.size(), wer(list), voiceToVoice(list),
            ratio(list, this::falseBargeIn), selfHeard(list)));
      }
      out.append("\nRead back: ");
      out.append(String.join(", ", orders.values().stream().flatMap(List::stream)
          .map(c -> c.call().source() + " " + c.call().digits() + "→" + Objects.requireNonNullElse(c.readBack(), "none"))
          .toList()));
      out.append('\n');
    }

    out.append("\n## Silent callers (nothing said: digital silence, or the noisy line's noise alone)\n\n");
    out.append("| line | caller | condition | calls | false barge-ins | self-heard lines |\n");
    out.append("|---|---|---|---:|---:|---:|\n");
    for (var group : groups(c -> c.call().kind() == PlannedCall.Kind.SILENT, true).entrySet()) {
      var list = group.getValue();
      out.append(String.format("| %s | %d | %s | %s |%n", group.getKey(), list.size(), ratio(list, this::falseBargeIn),
          selfHeard(list)));
    }
    long sippFailed = calls.stream().filter(c -> !c.sippCompleted()).count();
    out.append(String.format("%nReference greeting (clean echo-free calls, median): %d voiced packets, longest pause %d ms. "
        + "SIPp calls not completed as scripted: %d of %d (a bot that hangs up or transfers, after \"goodbye\", "
        + "\"agent\" or a misheard word, ends the call before the scenario does).%n", referencePackets, referenceGapMs, sippFailed, calls.size()));
    return out.toString();
  }

  private String requestRow(String key, List<CallMeasures> list) {
    var talkOver = list.stream().filter(c -> c.call().kind() == PlannedCall.Kind.TALK_OVER).toList();
    var bargeIns = talkOver.stream().filter(c -> c.bargeInMs().isPresent())
        .map(c -> (double) c.bargeInMs().getAsLong()).sorted().toList();
    String bargeIn = talkOver.isEmpty() ? "–"
        : bargeIns.isEmpty() ? "none (0/" + talkOver.size() + ")"
        : String.format("%.0f / %.0f (%d/%d)", VoiceLatencyBenchmark.percentile(bargeIns, 0.5),
            VoiceLatencyBenchmark.percentile(bargeIns, 0.95), bargeIns.size(), talkOver.size());
    return String.format("| %s | %d | %s | %s | %s | %s | %s | %s |%n", key, list.size(),
        ratio(list, c -> Boolean.TRUE.equals(c.intentOk())), wer(list), voiceToVoice(list), bargeIn,
        ratio(list, this::falseBargeIn), selfHeard(list));
  }

  /** Calls grouped by line, caller (or "all voices"), condition, in the order they were placed. */
  private Map<String, List<CallMeasures>> groups(Predicate<CallMeasures> which, boolean perSource) {
    var out = new LinkedHashMap<String, List<CallMeasures>>();
    for (var c : calls) {
      if (which.test(c)) {
        String key = c.call().line() + " | " + (perSource ? c.call().source() : "all voices") + " | "
            + c.call().condition().label();
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      }
    }
    return out;
  }

  private static String ratio(List<CallMeasures> list, Predicate<CallMeasures> yes) {
    return list.stream().filter(yes).count() + "/" + list.size();
  }

  private static String wer(List<CallMeasures> list) {
    var total = list.stream().map(CallMeasures::wer).filter(Objects::nonNull)
        .reduce(new WordErrorRate(0, 0), WordErrorRate::plus);
    return total.words() == 0 ? "–" : String.format("%.0f %%", 100 * total.rate());
  }

  private static String voiceToVoice(List<CallMeasures> list) {
    var all = list.stream().flatMap(c -> c.voiceToVoiceMs().stream()).sorted().toList();
    return all.isEmpty() ? "none" : String.format("%.0f / %.0f (%d)", VoiceLatencyBenchmark.percentile(all, 0.5),
        VoiceLatencyBenchmark.percentile(all, 0.95), all.size());
  }

  private static String selfHeard(List<CallMeasures> list) {
    int lines = list.stream().mapToInt(CallMeasures::selfHeard).sum();
    long callsWith = list.stream().filter(c -> c.selfHeard() > 0).count();
    return lines + " (" + callsWith + "/" + list.size() + " calls)";
  }
}
