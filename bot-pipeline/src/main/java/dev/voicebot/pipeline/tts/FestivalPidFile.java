package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which festival this JVM runs on a port, so that the next start can take the port back from a
 * festival whose JVM died without stopping it (kill -9, the OOM killer, a crash before
 * {@link TiedLauncher}'s parent-death signal was armed).
 *
 * <p>One line in {@code <tmpdir>/voicebot-festival-<user>-<port>.pid}: festival's PID and start
 * time, the owning JVM's PID and start time, and the script path festival was started with.
 * Start times guard against reused PIDs; the script path is a fresh temporary file per start, so
 * a process with it on its command line is one of ours (festival's per-client children included,
 * which keep the listening socket open). Only what a <em>dead</em> owner left is killed: a
 * running voicebot on the same port is reported, never touched.
 */
final class FestivalPidFile {

  private static final Logger log = LoggerFactory.getLogger(FestivalPidFile.class);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(3);
  /** /proc start times are in clock ticks, computed from the boot time: equal across reads. */
  private static final Duration SAME_START = Duration.ofSeconds(1);

  /** What one line of the file says. */
  record Entry(long pid, Instant started, long ownerPid, Instant ownerStarted, Path script) {

    static Optional<Entry> parse(String line) {
      String[] f = line.strip().split(" ", 5);
      if (f.length != 5) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Entry(Long.parseLong(f[0]), Instant.ofEpochMilli(Long.parseLong(f[1])),
            Long.parseLong(f[2]), Instant.ofEpochMilli(Long.parseLong(f[3])), Path.of(f[4])));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    String format() {
      return pid + " " + started.toEpochMilli() + " " + ownerPid + " " + ownerStarted.toEpochMilli() + " " + script;
    }
  }

  private final Path file;

  FestivalPidFile(int port) {
    this(Path.of(System.getProperty("java.io.tmpdir"),
        "voicebot-festival-" + System.getProperty("user.name", "user") + "-" + port + ".pid"));
  }

  FestivalPidFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  /** Records {@code festival}, started with {@code script}, as this JVM's. Best effort: a WARN if it cannot. */
  void write(ProcessHandle festival, Path script) {
    var entry = new Entry(festival.pid(), startOf(festival).orElse(Instant.EPOCH),
        ProcessHandle.current().pid(), startOf(ProcessHandle.current()).orElse(Instant.EPOCH), script);
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, entry.format() + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("cannot write {}: a festival left by a crash will block the next start ({})", file, e.getMessage());
    }
  }

  /** Forgets the entry if it is still this JVM's (a newer owner's file stays). */
  void delete() {
    read().filter(e -> e.ownerPid() == ProcessHandle.current().pid()).ifPresent(e -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ex) {
        log.debug("cannot delete {}: {}", file, ex.getMessage());
      }
    });
  }

  Optional<Entry> read() {
    try {
      return Files.isRegularFile(file)
          ? Entry.parse(Files.readString(file, StandardCharsets.US_ASCII))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Kills every process a dead owner's festival left (the server and its per-client children)
   * and deletes its script.
   *
   * @return what was found: empty if the file names no festival of a dead owner
   */
  Optional<String> reclaim() {
    Optional<Entry> read = read();
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Entry entry = read.get();
    if (isAlive(entry.ownerPid(), entry.ownerStarted())) {
      return Optional.empty();
    }
    List<ProcessHandle> leftovers = new ArrayList<>();
    ProcessHandle.of(entry.pid())
        .filter(p -> isAlive(p.pid(), entry.started()) && isFestival(p))
        .ifPresent(leftovers::add);
    String script = entry.script().toString();
    ProcessHandle.allProcesses()
        .filter(p -> p.pid() != entry.pid() && isFestival(p))
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(script)).orElse(false))
        .forEach(leftovers::add);
    for (ProcessHandle p : leftovers) {
      p.destroyForcibly();
    }
    for (ProcessHandle p : leftovers) {
      try {
        p.onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        log.warn("festival leftover pid {} did not exit within {}", p.pid(), EXIT_WAIT);
      }
    }
    try {
      Files.deleteIfExists(entry.script());
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot clean up after the dead festival: {}", e.getMessage());
    }
    return Optional.of("festival pid " + entry.pid() + " of voicebot pid " + entry.ownerPid()
        + " (no longer running): " + leftovers.size() + " process(es) killed");
  }

  /** Who holds the port according to the file, for the error message when it is not reclaimable. */
  Optional<String> liveOwner() {
    return read().filter(e -> isAlive(e.ownerPid(), e.ownerStarted()))
        .map(e -> "voicebot pid " + e.ownerPid() + " runs festival pid " + e.pid() + " there");
  }

  private static boolean isAlive(long pid, Instant started) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(FestivalPidFile::startOf)
        .map(s -> Duration.between(s, started).abs().compareTo(SAME_START) < 0)
        .orElse(false);
  }

  private static boolean isFestival(ProcessHandle p) {
    return p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("festival")).orElse(false)
        && p.info().arguments().map(args -> List.of(args).contains("--server")).orElse(false);
  }

  private static Optional<Instant> startOf(ProcessHandle p) {
    return p.info().startInstant();
  }
}
