package dev.voicebot.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's {@code sipp-scenarios/} files as its users would, with any extra
 * arguments (source address, credentials, call count, rate). Bounded by {@code -recv_timeout},
 * {@code -timeout}, coreutils {@code timeout} and a kill in finally.
 */
final class SippProcess {

  /**
   * @param stats the last row of {@code -trace_stat}, by column name (e.g. "SuccessfulCall(C)")
   * @param counts the last row of {@code -trace_counts} when asked for, by column name (e.g.
   *     "6_BYE_Sent"), else empty
   */
  record Result(int exitCode, String log, Map<String, String> stats, Map<String, String> counts) {
    boolean passed() {
      return exitCode == 0;
    }

    int stat(String column) {
      return Integer.parseInt(stats.getOrDefault(column, "-1").strip());
    }

    int count(String column) {
      return Integer.parseInt(counts.getOrDefault(column, "-1").strip());
    }
  }

  private SippProcess() {}

  /** The repository's scenario directory, found from the module's working directory. */
  static Path scenario(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve("sipp-scenarios").resolve(name);
      if (Files.exists(f)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no sipp-scenarios/" + name + " above " + Path.of("").toAbsolutePath());
  }

  static Result run(Path work, String scenario, String target, Duration limit, String... extra)
      throws IOException, InterruptedException {
    String tag = scenario.replace(".xml", "") + "-" + System.nanoTime();
    Path out = work.resolve(tag + ".out");
    Path errors = work.resolve(tag + ".errors");
    Path messages = work.resolve(tag + ".messages");
    Path stats = work.resolve(tag + ".csv");
    long seconds = Math.max(1, limit.toSeconds());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "timeout", "-k", "2", Long.toString(seconds + 5),
                "sipp", target,
                "-sf", scenario(scenario).toString(),
                "-recv_timeout", "5000",
                "-timeout", seconds + "s",
                "-timeout_error",
                "-nostdin",
                "-trace_err", "-error_file", errors.toString(),
                "-trace_msg", "-message_file", messages.toString(),
                "-trace_stat", "-stf", stats.toString(), "-fd", "1"));
    cmd.addAll(List.of(extra));
    if (!cmd.contains("-p")) {
      cmd.addAll(List.of("-p", Integer.toString(FreePorts.udpAndTcp())));
    }
    if (!cmd.contains("-i")) {
      cmd.addAll(List.of("-i", "127.0.0.1"));
    }
    if (!cmd.contains("-m")) {
      cmd.addAll(List.of("-m", "1"));
    }
    // SIPp names the -trace_counts file itself: <scenario>_<pid>_counts.csv in its working directory.
    String countsPrefix = scenario.replace(".xml", "") + "_";
    List<Path> countsBefore = countsFiles(work, countsPrefix);
    Process p =
        new ProcessBuilder(cmd)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      if (!p.waitFor(seconds + 10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "SIPp did not exit\n" + read(messages), Map.of(), Map.of());
      }
      String log = p.exitValue() == 0 ? "" : read(out) + read(errors) + tail(read(messages), 6000);
      List<Path> counts = new ArrayList<>(countsFiles(work, countsPrefix));
      counts.removeAll(countsBefore);
      return new Result(p.exitValue(), log, lastRow(stats),
          counts.size() == 1 ? lastRow(counts.getFirst()) : Map.of());
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static List<Path> countsFiles(Path dir, String prefix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith("_counts.csv");
      }).toList();
    }
  }

  private static Map<String, String> lastRow(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      return Map.of();
    }
    List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
    if (lines.size() < 2) {
      return Map.of();
    }
    String[] names = lines.getFirst().split(";");
    String[] values = lines.getLast().split(";");
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < Math.min(names.length, values.length); i++) {
      row.put(names[i], values[i]);
    }
    return row;
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : s.substring(s.length() - max);
  }

  private static String read(Path f) throws IOException {
    return Files.exists(f) ? Files.readString(f) : "";
  }
}
