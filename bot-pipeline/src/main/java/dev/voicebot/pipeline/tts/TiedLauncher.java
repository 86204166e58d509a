package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts child processes that the kernel kills when this JVM dies, however it dies (SIGKILL, the
 * OOM killer, a crash): each runs under {@code setpriv --pdeathsig KILL} (util-linux), which sets
 * {@code PR_SET_PDEATHSIG} and execs the command, keeping its PID.
 *
 * <p>Linux sends the parent-death signal when the <em>thread</em> that forked the child ends, not
 * the process. A child started from a pool or virtual thread (whose carrier may retire when idle)
 * would be killed at a random moment, so every start runs on one platform thread owned by this
 * launcher, alive until {@link #close()}. The signal is armed a moment after {@link #start}
 * returns, when setpriv has run (before it execs the command); a JVM killed within that moment,
 * or a host without setpriv (a WARN says so), leaves the child running, and {@link FestivalPidFile}
 * reclaims it at the next start.
 */
final class TiedLauncher implements AutoCloseable {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TiedLauncher.class);
  private static final Optional<Path> SETPRIV = onPath("setpriv");

  private final ExecutorService thread;

  TiedLauncher(String name) {
    // Core threads never time out and submit() keeps exceptions in the Future: this thread lives
    // exactly as long as the launcher.
    this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon(true).name(name).factory());
    if (SETPRIV.isEmpty()) {
      log.warn("setpriv (util-linux) not found: child processes will outlive a killed JVM until the next start");
    }
  }

  /** Whether children die with this JVM. */
  static boolean tiesChildren() {
    return SETPRIV.isPresent();
  }

  /** Starts {@code command} as {@code builder} would, tied to this JVM's life when possible. */
  Process start(ProcessBuilder builder) throws IOException {
    List<String> command = new ArrayList<>();
    SETPRIV.ifPresent(setpriv -> command.addAll(List.of(setpriv.toString(), "--pdeathsig", "KILL", "--")));
    command.addAll(builder.command());
    ProcessBuilder tied = builder.command(command);
    Future<Process> started = thread.submit(tied::start);
    try {
      return started.get();
    } catch (InterruptedException e) {
      // The start itself takes milliseconds: let it finish, then take the child down again.
      try {
        started.get(5, TimeUnit.SECONDS).destroyForcibly();
      } catch (ExecutionException | TimeoutException | InterruptedException ignored) {
        // Not started, or nothing more to do.
      }
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while starting " + builder.command());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot start " + builder.command() + ": " + e.getCause(), e.getCause());
    }
  }

  /** An executable name resolved on the PATH, or a path as given, if it can be executed. */
  static Optional<Path> onPath(String executable) {
    if (executable.contains("/")) {
      Path p = Path.of(executable);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, executable);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
