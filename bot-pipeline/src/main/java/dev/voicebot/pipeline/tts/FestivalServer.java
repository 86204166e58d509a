package dev.voicebot.pipeline.tts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code festival --server} as a supervised child process on a loopback port, with the voice
 * loaded once and a command that returns 16 kHz RIFF (see {@link FestivalScript}). If festival
 * dies, a supervisor (virtual thread) restarts it with exponential back-off.
 *
 * <p>Festival always binds every interface; its {@code server_access_list} is set to admit only
 * loopback clients.
 *
 * <p>Festival belongs to this JVM: it is started tied to the JVM's life ({@link TiedLauncher}:
 * the kernel kills it when the JVM dies, even by SIGKILL), and recorded in a pid file
 * ({@link FestivalPidFile}) so that a start finding the port held by a festival whose voicebot
 * is dead kills that leftover and takes the port back instead of failing.
 */
public final class FestivalServer implements AutoCloseable {

  public static final int DEFAULT_PORT = 1314;
  public static final String INSTALL_HINT = "apt-get install festival festvox-us-slt-hts";

  private static final Logger log = LoggerFactory.getLogger(FestivalServer.class);
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** A process that ran this long before dying counts as healthy: the back-off starts over. */
  private static final Duration STABLE_RUN = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final String executable;
  private final int port;
  private final Duration startTimeout;
  private final TiedLauncher launcher;
  private final FestivalPidFile pidFile;
  /** Guards the lifecycle transitions (start, restart, close); never held while waiting on festival. */
  private final Object lock = new Object();
  private Path script;
  private Thread supervisor;
  private volatile Process process;
  private volatile long startedAtNanos;
  private volatile boolean closed;

  /** Festival from the PATH on {@link #DEFAULT_PORT}. */
  public FestivalServer() {
    this(DEFAULT_PORT);
  }

  /** Festival from the PATH on {@code port}, allowed 30 s to load its voice. */
  public FestivalServer(int port) {
    this("festival", port, Duration.ofSeconds(30));
  }

  /**
   * @param executable the festival binary (a name on the PATH or a path)
   * @param port the TCP port to serve on
   * @param startTimeout how long one start may take until the port accepts connections
   */
  public FestivalServer(String executable, int port, Duration startTimeout) {
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    this.executable = executable;
    this.port = port;
    this.startTimeout = startTimeout;
    this.launcher = new TiedLauncher("festival-launcher-" + port);
    this.pidFile = new FestivalPidFile(port);
  }

  /**
   * Starts festival and waits until it accepts connections, then supervises it.
   *
   * @throws IOException if festival is not installed ({@value #INSTALL_HINT}), the port is taken,
   *     or festival exits or stays silent during start-up (the message carries its last output)
   */
  public FestivalServer start() throws IOException {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("FestivalServer is closed");
      }
      if (script != null) {
        return this;
      }
      script = Files.createTempFile("voicebot-festival-", ".scm");
      Files.writeString(script, FestivalScript.forPort(port), StandardCharsets.US_ASCII);
    }
    try {
      adopt(launch());
    } catch (IOException | RuntimeException e) {
      synchronized (lock) {
        deleteScript();
        script = null;
      }
      throw e;
    }
    synchronized (lock) {
      supervisor = Thread.ofVirtual().name("festival-supervisor-" + port).start(this::supervise);
    }
    return this;
  }

  /** Makes a freshly started process the current one, unless we were closed meanwhile. */
  private void adopt(Process p) {
    synchronized (lock) {
      if (closed) {
        destroyTree(p);
        throw new IllegalStateException("FestivalServer was closed while festival started");
      }
      startedAtNanos = System.nanoTime();
      process = p;
    }
  }

  /** True while a festival process that was seen accepting connections is alive. */
  public boolean isRunning() {
    Process p = process;
    return !closed && p != null && p.isAlive();
  }

  public int port() {
    return port;
  }

  /** The current festival process id, if one is running. */
  public OptionalLong pid() {
    Process p = process;
    return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
  }

  /** Starts one festival process and waits until its port accepts connections. */
  private Process launch() throws IOException {
    if (accepts(Duration.ofMillis(200))) {
      takeBackFromDeadOwner();
    }
    if (TiedLauncher.onPath(executable).isEmpty()) {
      throw new IOException("festival not found: " + INSTALL_HINT + " (no executable '" + executable + "')");
    }
    Process p;
    try {
      p = launcher.start(new ProcessBuilder(executable, "--server", script.toString()).redirectErrorStream(true));
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("festival not found: " + INSTALL_HINT + " (" + e.getMessage() + ")", e);
    }
    ProcessOutputTail output = new ProcessOutputTail(p, log, "festival:" + port);
    long startedAt = System.nanoTime();
    long deadline = startedAt + startTimeout.toNanos();
    boolean serving = false;
    try {
      while (true) {
        if (!p.isAlive()) {
          waitQuietly(p);
          throw new IOException(
              "festival exited with code " + p.exitValue() + " before serving port " + port + ": "
                  + output.tail() + hintFor(output.tail()));
        }
        if (accepts(POLL)) {
          log.info("festival serving 127.0.0.1:{} (pid {}, voice {}) after {} ms", port, p.pid(),
              FestivalScript.VOICE, (System.nanoTime() - startedAt) / 1_000_000);
          serving = true;
          pidFile.write(p.toHandle(), script);
          return p;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "festival did not serve port " + port + " within " + startTimeout + ": " + output.tail());
        }
        sleep(POLL);
      }
    } finally {
      if (!serving) {
        destroyTree(p); // failed, timed out or interrupted: never leave a half-started festival
      }
    }
  }

  /**
   * The port is taken: if by what a crashed voicebot left (its pid file names a dead owner), kill
   * that and wait for the port to be free; else fail, saying who holds it if we know.
   */
  private void takeBackFromDeadOwner() throws IOException {
    var reclaimed = pidFile.reclaim();
    if (reclaimed.isPresent()) {
      log.warn("port {} was held by a festival left behind by a voicebot that died: {}", port, reclaimed.get());
      long deadline = System.nanoTime() + STOP_GRACE.multipliedBy(2).toNanos();
      while (accepts(POLL) && System.nanoTime() < deadline) {
        sleep(POLL);
      }
    }
    if (accepts(Duration.ofMillis(200))) {
      throw new IOException("port " + port + " is already in use: cannot start festival there"
          + pidFile.liveOwner().map(owner -> " (" + owner + ")").orElse(""));
    }
  }

  private static String hintFor(String output) {
    return output.contains("voice_" + FestivalScript.VOICE) ? " (is the voice installed? " + INSTALL_HINT + ")" : "";
  }

  private boolean accepts(Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), (int) timeout.toMillis());
      // A port in the ephemeral range with nobody listening can "accept" a connect that the kernel
      // gave that same port as its source (TCP self-connect): that is not festival serving.
      return s.getLocalPort() != port;
    } catch (IOException e) {
      return false;
    }
  }

  /** Waits for the current process to die, then restarts it, until closed. */
  private void supervise() {
    Duration backoff = FIRST_BACKOFF;
    while (!closed) {
      try {
        Process p = process;
        if (p != null) {
          int code = p.waitFor();
          if (closed) {
            return;
          }
          if (System.nanoTime() - startedAtNanos > STABLE_RUN.toNanos()) {
            backoff = FIRST_BACKOFF;
          }
          process = null;
          log.warn("festival on port {} exited with code {}; restarting in {} ms", port, code, backoff.toMillis());
        }
        Thread.sleep(backoff);
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        adopt(launch());
      } catch (InterruptedException e) {
        return; // close() interrupts us
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        log.error("festival on port {} failed to restart (next try in {} ms): {}", port, backoff.toMillis(), e.getMessage());
      }
    }
  }

  /** Stops supervising, kills festival and the children it forked per client, deletes the script. */
  @Override
  public void close() {
    Thread s;
    Process p;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = supervisor;
      p = process;
    }
    if (s != null) {
      s.interrupt();
    }
    if (p != null) {
      destroyTree(p);
    }
    if (s != null) {
      try {
        s.join(STOP_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // After festival is gone: ending the launcher's thread would kill a festival still running.
    launcher.close();
    pidFile.delete();
    deleteScript();
  }

  private static void destroyTree(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // Festival forks a child per client, and each child inherits the listening socket: the port is
    // free only once every one of them is gone, so wait for them too.
    for (ProcessHandle child : children) {
      awaitExit(child);
    }
  }

  private static void awaitExit(ProcessHandle child) {
    try {
      child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      child.destroyForcibly();
      try {
        child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // Reported by the caller's port check; nothing more can be done for this process.
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      child.destroyForcibly();
    }
  }

  private void deleteScript() {
    try {
      if (script != null) {
        Files.deleteIfExists(script);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + script, e);
    }
  }

  private static void waitQuietly(Process p) {
    try {
      p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for festival to start", e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
