package dev.voicebot.sip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs SIPp 3.6.1 as a one-call client against the user agent on loopback. Bounded three ways:
 * {@code -recv_timeout} (a stuck recv), {@code -timeout} and coreutils {@code timeout}, and the
 * process is killed in finally whatever happens.
 */
final class Sipp {

  record Result(int exitCode, String log) {
    boolean passed() {
      return exitCode == 0;
    }
  }

  private Sipp() {}

  static Result call(Path workDir, String scenario, int uaPort, String transport)
      throws IOException, InterruptedException {
    Path file = workDir.resolve(scenario);
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario " + scenario);
      }
      Files.copy(in, file);
    }
    Path out = workDir.resolve(scenario + ".out");
    Path errors = workDir.resolve(scenario + ".errors");
    Path messages = workDir.resolve(scenario + ".messages");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "timeout", "-k", "2", "20",
                "sipp", "127.0.0.1:" + uaPort,
                "-sf", file.toString(),
                "-s", "bot",
                "-m", "1",
                "-i", "127.0.0.1",
                "-p", Integer.toString(FreePorts.udpAndTcp()),
                "-mp", Integer.toString(FreePorts.sippMediaBase()),
                "-t", transport,
                "-recv_timeout", "5000",
                "-timeout", "15s",
                "-timeout_error",
                "-nostdin",
                "-trace_err", "-error_file", errors.toString(),
                "-trace_msg", "-message_file", messages.toString()));
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      if (!p.waitFor(25, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "SIPp did not exit\n" + read(messages));
      }
      String log = p.exitValue() == 0 ? "" : read(out) + read(errors) + read(messages);
      return new Result(p.exitValue(), log);
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  static Duration limit() {
    return Duration.ofSeconds(25);
  }

  private static String read(Path f) throws IOException {
    if (!Files.exists(f)) {
      return "";
    }
    try (Stream<String> lines = Files.lines(f)) {
      return String.join("\n", lines.toList()) + "\n";
    }
  }
}
