package dev.voicebot.app.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** The capacity benchmark's markdown: the ladders' tables, where the knee is, and the soak. */
final class CapacityReport {

  /**
   * Many short media-only calls in a row: whether the heap, threads and descriptors came back.
   *
   * @param before the idle bot after GC before the first call, {@code half} once the first half
   *     of the calls ended, {@code after} once the last ended: flat from half to after is no leak
   *     (the first half fills what is kept on purpose, e.g. the last 500 call records)
   * @param completed calls SIPp completed (answered, held, hung up with a 200 to its BYE)
   */
  record Soak(int calls, int answered, int completed, ProcessSample before, ProcessSample half, ProcessSample after,
      double seconds) {}

  private CapacityReport() {}

  /** The largest step count such that it and every smaller step met the targets. */
  static OptionalInt lastGoodStep(List<CapacityStep> steps) {
    OptionalInt good = OptionalInt.empty();
    for (CapacityStep s : steps.stream().sorted(java.util.Comparator.comparingInt(CapacityStep::calls)).toList()) {
      if (!s.meetsTargets()) {
        break;
      }
      good = OptionalInt.of(s.calls());
    }
    return good;
  }

  /** One sentence: up to where the targets held and what the first step beyond missed. */
  static String knee(List<CapacityStep> steps) {
    if (steps.isEmpty()) {
      return "No steps ran.";
    }
    var sorted = steps.stream().sorted(java.util.Comparator.comparingInt(CapacityStep::calls)).toList();
    OptionalInt good = lastGoodStep(sorted);
    var firstBad = sorted.stream().filter(s -> !s.meetsTargets()).findFirst();
    if (firstBad.isEmpty()) {
      return "Targets met at every step, up to " + sorted.getLast().calls()
          + " calls: the knee is above this ladder.";
    }
    CapacityStep bad = firstBad.get();
    String prefix = good.isPresent()
        ? "Targets met up to " + good.getAsInt() + " calls; at " + bad.calls() + " "
        : "Targets missed from the first step: at " + bad.calls() + " ";
    return prefix + String.join(", ", misses(bad)) + ".";
  }

  private static List<String> misses(CapacityStep s) {
    var out = new ArrayList<String>();
    if (s.answered() < s.calls()) {
      out.add(s.answered() + " of " + s.calls() + " answered");
    }
    if (s.understoodAlone() >= 0 && s.kept() < Math.floor(CapacityStep.MIN_CORRECT_SHARE * s.understoodAlone())) {
      out.add(s.kept() + " of the " + s.understoodAlone() + " callers understood without load still understood (95 % needed)");
    }
    if (Double.isNaN(s.pacingP99Ms()) || s.pacingP99Ms() > CapacityStep.MAX_PACING_P99_MS) {
      out.add("pacing p99 " + ms(s.pacingP99Ms()) + " ms (5 ms allowed)");
    }
    return out;
  }

  static String speechTable(List<CapacityStep> steps) {
    var out = new StringBuilder();
    out.append("| calls | answered | answered correctly | understood without load → still understood | pacing p50 / p99 / max (ms) | tick work p99 (ms) | clock CPU per tick (ms) | ticks ≥ 5 ms late | skipped ticks"
        + " | late packets | lost packets | CPU per call (% of a core) | live heap, calls up (MB) | per call (KB)"
        + " | load avg | step (s) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (CapacityStep s : steps) {
      out.append(String.format(Locale.ROOT, "| %d | %d | %d (%.0f %%) | %d → %d | %s / %s / %s | %s | %s | %d | %d | %d | %d | %.1f | %.0f | %s | %.1f | %.0f |%n",
          s.calls(), s.answered(), s.correct(), 100.0 * s.correct() / s.calls(), s.understoodAlone(), s.kept(), ms(s.pacingP50Ms()),
          ms(s.pacingP99Ms()), ms(s.pacingMaxMs()), ms(s.workP99Ms()), ms2(s.clockCpuPerTickMs()), s.ticksOver5ms(), s.skippedTicks(), s.latePackets(),
          s.lostPackets(), s.corePercentPerCall(), s.heapAfterGcBytes() / 1e6, kb(s.bytesPerCall()),
          s.loadAverage(), s.seconds()));
    }
    return out.toString();
  }

  static String mediaTable(List<CapacityStep> steps) {
    var out = new StringBuilder();
    out.append("| calls | answered | up at once | pacing p50 / p99 / max (ms) | tick work p99 (ms) | clock CPU per tick (ms) | ticks ≥ 5 ms late | skipped ticks"
        + " | late packets | lost packets | CPU per call (% of a core) | CPU in all (% of a core) | live heap, calls up (MB)"
        + " | per call (KB) | load avg |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (CapacityStep s : steps) {
      out.append(String.format(Locale.ROOT, "| %d | %d | %d | %s / %s / %s | %s | %s | %d | %d | %d | %d | %.2f | %.0f | %.0f | %s | %.1f |%n",
          s.calls(), s.answered(), s.peakActive(), ms(s.pacingP50Ms()), ms(s.pacingP99Ms()), ms(s.pacingMaxMs()),
          ms(s.workP99Ms()), ms2(s.clockCpuPerTickMs()), s.ticksOver5ms(), s.skippedTicks(), s.latePackets(), s.lostPackets(), s.corePercentPerCall(),
          s.corePercentPerCall() * s.peakActive(), s.heapAfterGcBytes() / 1e6, kb(s.bytesPerCall()), s.loadAverage()));
    }
    return out.toString();
  }

  static String soak(Soak soak) {
    var b = soak.before();
    var h = soak.half();
    var a = soak.after();
    return String.format(Locale.ROOT, """
        | | before the first call | after half the calls | after the last | last half's change |
        |---|---|---|---|---|
        | live heap (MB) | %.1f | %.1f | %.1f | %+.1f |
        | platform threads | %d | %d | %d | %+d |
        | open file descriptors | %d | %d | %d | %+d |

        %d calls placed, %d answered, %d completed by SIPp, in %.0f s.
        """, b.heapBytes() / 1e6, h.heapBytes() / 1e6, a.heapBytes() / 1e6, (a.heapBytes() - h.heapBytes()) / 1e6,
        b.threads(), h.threads(), a.threads(), a.threads() - h.threads(), b.fileDescriptors(), h.fileDescriptors(),
        a.fileDescriptors(), a.fileDescriptors() - h.fileDescriptors(), soak.calls(), soak.answered(), soak.completed(),
        soak.seconds());
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String ms2(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String kb(long bytes) {
    return bytes == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%.0f", bytes / 1e3);
  }
}
