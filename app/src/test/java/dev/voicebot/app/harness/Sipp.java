package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs one of the repository's SIPp scenarios as a UAC against the bot on loopback. */
public final class Sipp {

  /** The outcome of one run: SIPp's exit code (0: every call succeeded) and its output. */
  public record Result(int exitCode, String output) {
    public boolean passed() {
      return exitCode == 0;
    }
  }

  private final Path scenarios;
  private final String botAddress;
  private final int botPort;
  private final String localAddress;
  private final List<String> prefix;

  public Sipp(Path scenarios, int botPort) {
    this(scenarios, "127.0.0.1", botPort, "127.0.0.1", List.of());
  }

  /**
   * @param localAddress SIPp's own SIP and media address
   * @param prefix command words put before {@code timeout sipp ...}, e.g. {@code ip netns exec X}
   */
  public Sipp(Path scenarios, String botAddress, int botPort, String localAddress, List<String> prefix) {
    this.scenarios = scenarios;
    this.botAddress = botAddress;
    this.botPort = botPort;
    this.localAddress = localAddress;
    this.prefix = List.copyOf(prefix);
  }

  /**
   * Places one call with {@code scenario} from {@code workDir} (where {@code caller.pcap} is).
   *
   * @param service the number called (Request-URI user)
   * @param sipPort SIPp's own SIP port, {@code mediaPort} its RTP port: unique per test
   */
  public Result call(String scenario, String service, Path workDir, int sipPort, int mediaPort, Duration limit,
      String... extraArgs) throws IOException, InterruptedException {
    return run(scenario, service, workDir, sipPort, mediaPort, limit,
        List.of("-m", "1", "-trace_err", "-trace_msg"), extraArgs);
  }

  /**
   * Many calls from one SIPp process (one SIP port, one media port for all): {@code calls} in
   * all, at most {@code concurrent} at once, {@code perSecond} new ones a second. Only errors are
   * traced: a message trace of thousands of calls would cost the machine more than the calls.
   */
  public Result load(String scenario, String service, Path workDir, int sipPort, int mediaPort, int calls,
      int concurrent, int perSecond, Duration limit, String... extraArgs) throws IOException, InterruptedException {
    return run(scenario, service, workDir, sipPort, mediaPort, limit,
        List.of("-m", Integer.toString(calls), "-l", Integer.toString(concurrent), "-r", Integer.toString(perSecond),
            "-trace_err"), extraArgs);
  }

  private Result run(String scenario, String service, Path workDir, int sipPort, int mediaPort, Duration limit,
      List<String> countAndTraces, String... extraArgs) throws IOException, InterruptedException {
    Path file = scenarios.resolve(scenario + ".xml");
    if (!Files.exists(file)) {
      throw new IOException("no SIPp scenario " + file);
    }
    var cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(
        "timeout", "-k", "5", Long.toString(limit.toSeconds()),
        "sipp", "-sf", file.toString(), "-s", service,
        "-i", localAddress, "-p", Integer.toString(sipPort),
        "-mi", localAddress, "-mp", Integer.toString(mediaPort),
        "-recv_timeout", "30000", "-timeout", limit.toSeconds() + "s", "-timeout_error", "-nostdin"));
    cmd.addAll(countAndTraces);
    cmd.addAll(List.of(extraArgs));
    cmd.add(botAddress + ":" + botPort);
    String name = "sipp-" + scenario + "-" + sipPort;
    try (var process = ManagedProcess.start(name, cmd, workDir)) {
      int exit = process.waitFor(limit.plusSeconds(10));
      return new Result(exit, process.output() + messages(workDir, file));
    }
  }

  /** {@link #call} on another thread, for a test that watches the bot while the call runs. */
  public java.util.concurrent.CompletableFuture<Result> callInBackground(String scenario, String service,
      Path workDir, int sipPort, int mediaPort, Duration limit, String... extraArgs) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return call(scenario, service, workDir, sipPort, mediaPort, limit, extraArgs);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while SIPp ran", e);
      }
      // Not on the common pool: its one worker on 2 cores would run a test's calls one by one.
    }, task -> Thread.ofVirtual().name("sipp-" + scenario + "-" + sipPort).start(task));
  }

  /** SIPp's message and error traces, to see why a scenario failed. */
  private static String messages(Path workDir, Path scenario) throws IOException {
    var out = new StringBuilder();
    String stem = scenario.getFileName().toString().replace(".xml", "");
    try (var files = Files.list(workDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(stem + "_") && f.getFileName().toString().endsWith(".log")).toList()) {
        out.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
      }
    }
    return out.toString();
  }
}
