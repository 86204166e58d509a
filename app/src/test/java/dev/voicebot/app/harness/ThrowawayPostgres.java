package dev.voicebot.app.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL cluster of its own for one test: Debian's PostgreSQL 15 binaries, a fresh data
 * directory under /tmp, listening on loopback only on a free port of {@code ports}, trust
 * authentication for its one user, no fsync (the test's data need not survive the machine).
 * PostgreSQL refuses to run as root, so as root (the tests need root for raw sockets) it runs as
 * the {@code postgres} system user. Stopped and deleted on close.
 */
public final class ThrowawayPostgres implements AutoCloseable {

  private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  private static final String USER = "voicebot";
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final List<String> asPostgres;

  private ThrowawayPostgres(Path dir, int port, List<String> asPostgres) {
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** Initialises and starts a cluster with database {@code voicebot} on the first free port of the range. */
  public static ThrowawayPostgres start(int firstPort, int lastPort) throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN.resolve("initdb"))) {
      throw new IOException("PostgreSQL 15 is not installed (apt-get install postgresql-15)");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> prefix = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    // Not the test's @TempDir: that is root's alone (0700), and postgres could not enter it.
    Path dir = Files.createTempDirectory("voicebot-pg-");
    if (root) {
      run(List.of("chown", "postgres:postgres", dir.toString()), dir, List.of());
    }
    var pg = new ThrowawayPostgres(dir, freePort(firstPort, lastPort), prefix);
    try {
      pg.run(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
          "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
      pg.run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
          "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
      pg.run(List.of(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port),
          "-U", USER, "voicebot"));
      return pg;
    } catch (IOException | RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/voicebot";
  }

  public String user() {
    return USER;
  }

  /** The server's own log, to see why it refused something. */
  public String log() throws IOException {
    Path log = dir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    run(command, dir, asPostgres);
  }

  private static void run(List<String> command, Path dir, List<String> prefix)
      throws IOException, InterruptedException {
    var full = new ArrayList<>(prefix);
    full.addAll(command);
    String name = "pg-" + Path.of(command.getFirst()).getFileName();
    int exit = ManagedProcess.run(name, full, dir, LIMIT);
    if (exit != 0) {
      Path log = dir.resolve(name + ".log");
      throw new IOException(String.join(" ", full) + " failed with exit code " + exit + ":\n"
          + (Files.exists(log) ? Files.readString(log) : ""));
    }
  }

  private static int freePort(int first, int last) throws IOException {
    for (int port = first; port <= last; port++) {
      try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // next one
      }
    }
    throw new IOException("no free port in " + first + "-" + last);
  }

  /** Stops the server (fast: open connections are cut) and deletes its files. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (Files.exists(dir.resolve("data/postmaster.pid"))) {
        run(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
            "-w", "-t", "30", "stop"));
      }
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
