package dev.voicebot.sip;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio 5.6 as registrar and record-routing proxy on loopback, started from
 * {@code src/test/resources/kamailio/kamailio.cfg} with db_text users. Close kills exactly the
 * process it started and its children.
 */
final class KamailioProcess implements AutoCloseable {

  final int port;
  private final Path dir;
  private final Process process;

  private KamailioProcess(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  /** @param users username to plain password, all in domain 127.0.0.1 */
  static KamailioProcess start(Path work, Map<String, String> users, String algorithm)
      throws IOException, InterruptedException {
    int port = FreePorts.udpAndTcp();
    Path dir = Files.createDirectories(work.resolve("kamailio-" + port));
    Path db = Files.createDirectories(dir.resolve("db"));
    Path run = Files.createDirectories(dir.resolve("run"));
    // db_text traps: the version table must list subscriber:7, ha1/ha1b may be null.
    Files.writeString(db.resolve("version"), "table_name(string) table_version(int)\nsubscriber:7\n");
    StringBuilder subscribers =
        new StringBuilder(
            "id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)\n");
    int id = 1;
    for (var u : users.entrySet()) {
      subscribers.append(id++).append(':').append(u.getKey()).append(":127.0.0.1:").append(u.getValue()).append("::\n");
    }
    Files.writeString(db.resolve("subscriber"), subscribers);
    String cfg;
    try (InputStream in = KamailioProcess.class.getResourceAsStream("/kamailio/kamailio.cfg")) {
      cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    cfg = cfg.replace("@PORT@", Integer.toString(port))
        .replace("@DBDIR@", db.toString())
        .replace("@RUNDIR@", run.toString())
        .replace("@ALGORITHM@", algorithm);
    Path cfgFile = dir.resolve("kamailio.cfg");
    Files.writeString(cfgFile, cfg);
    Process p =
        new ProcessBuilder(
                "kamailio", "-f", cfgFile.toString(), "-D", "-E", "-m", "64", "-M", "8", "-Y", run.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kamailio.log").toFile())
            .start();
    KamailioProcess k = new KamailioProcess(port, dir, p);
    try {
      k.awaitListening();
      return k;
    } catch (IOException | RuntimeException | InterruptedException e) {
      k.close();
      throw e;
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("kamailio exited " + process.exitValue() + ":\n" + log());
      }
      boolean bound;
      try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, port))) {
        bound = false;
      } catch (SocketException taken) {
        bound = true;
      }
      if (bound && Files.exists(dir.resolve("run").resolve("kamailio_ctl"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("kamailio did not listen on " + port + ":\n" + log());
  }

  String log() throws IOException {
    return Files.readString(dir.resolve("kamailio.log"));
  }

  /** The location table as {@code kamcmd ul.dump} prints it. */
  String locations() throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("timeout", "5", "kamcmd", "-s",
                "unix:" + dir.resolve("run").resolve("kamailio_ctl"), "ul.dump")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(6, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    var children = process.descendants().toList();
    process.destroy(); // SIGTERM: the main process stops its children
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroyForcibly();
      }
    }
  }
}
