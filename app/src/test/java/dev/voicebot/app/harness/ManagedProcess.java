package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process whose output goes to a log file, and which is always stopped by PID. */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ManagedProcess start(String name, List<String> command, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path log = workDir.resolve(name + ".log");
    Process p = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    return new ManagedProcess(name, p, log);
  }

  /** Runs to completion (bounded) and returns the exit code; kills it when the time is up. */
  public static int run(String name, List<String> command, Path workDir, Duration limit) throws IOException, InterruptedException {
    try (var p = start(name, command, workDir)) {
      return p.waitFor(limit);
    }
  }

  public int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  /** Waits until the log contains {@code text}; false if the process died or the time ran out. */
  public boolean awaitLog(String text, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
      Thread.sleep(20);
    }
    return false;
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Asks politely (SIGTERM), then kills after a grace period.
   *
   * @return whether it had exited by itself (already, or within the grace period)
   */
  public boolean stop(Duration grace) throws InterruptedException {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      return false;
    }
    return true;
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
