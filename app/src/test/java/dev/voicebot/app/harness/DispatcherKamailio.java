package dev.voicebot.app.harness;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamailio 5.6 (Debian) running the repository's own {@code docker/kamailio/dispatcher.cfg} — the
 * file docker and {@code scripts/cluster.sh} use — in front of bots on loopback, with its listen
 * socket, list file and OPTIONS probe interval set by {@code -A} defines. Stopped by PID on close.
 */
public final class DispatcherKamailio implements AutoCloseable {

  public static final Path CONFIG = RunningBot.REPO.resolve("docker/kamailio/dispatcher.cfg");
  private static final Duration LIMIT = Duration.ofSeconds(15);

  private final int port;
  private final Path dir;
  private final ManagedProcess process;

  private DispatcherKamailio(int port, Path dir, ManagedProcess process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  /**
   * @param bots instance name (the dispatcher's duid) to its SIP port on 127.0.0.1
   * @param pingSeconds interval of the OPTIONS probes
   */
  public static DispatcherKamailio start(Path dir, int port, Map<String, Integer> bots, int pingSeconds)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("run"));
    var list = new StringBuilder("# setid destination flags priority attributes\n");
    bots.forEach((name, sipPort) -> list.append("1 sip:127.0.0.1:").append(sipPort).append(" 0 0 duid=")
        .append(name).append('\n'));
    Path listFile = dir.resolve("dispatcher.list");
    Files.writeString(listFile, list);
    var process = ManagedProcess.start("kamailio", List.of("kamailio", "-f", CONFIG.toString(), "-D", "-E",
        "-m", "64", "-M", "8", "-Y", dir.resolve("run").toString(),
        "-A", "LISTEN=udp:127.0.0.1:" + port, "-A", "DS_LIST=\"" + listFile + "\"",
        "-A", "DS_PING_INTERVAL=" + pingSeconds, "-A", "FR_TIMER=2000", "-A", "CHILDREN=2"), dir);
    var kamailio = new DispatcherKamailio(port, dir, process);
    try {
      kamailio.awaitListening();
      return kamailio;
    } catch (IOException | RuntimeException | InterruptedException e) {
      kamailio.close();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("kamailio exited:\n" + log());
      }
      boolean bound;
      try (var _ = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
        bound = false;
      } catch (SocketException taken) {
        bound = true;
      }
      if (bound && Files.exists(dir.resolve("run/kamailio_ctl"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IOException("kamailio did not listen on " + port + ":\n" + log());
  }

  /**
   * Each destination's dispatcher flags as {@code kamcmd dispatcher.list} prints them, by URI:
   * {@code AP} active and probed, {@code IP} out of rotation until a probe is answered 200.
   */
  public Map<String, String> flags() throws IOException, InterruptedException {
    Path out = dir.resolve("dispatcher-list.txt");
    int exit = ManagedProcess.run("kamcmd", List.of("sh", "-c", "kamcmd -s unix:" + dir.resolve("run/kamailio_ctl")
        + " dispatcher.list > " + out), dir, Duration.ofSeconds(5));
    if (exit != 0) {
      throw new IOException("kamcmd dispatcher.list failed (" + exit + "):\n" + Files.readString(dir.resolve("kamcmd.log")));
    }
    Map<String, String> flags = new LinkedHashMap<>();
    String uri = null;
    for (String line : Files.readAllLines(out)) {
      String t = line.strip();
      if (t.startsWith("URI:")) {
        uri = t.substring(4).strip();
      } else if (t.startsWith("FLAGS:") && uri != null) {
        flags.put(uri, t.substring(6).strip());
        uri = null;
      }
    }
    return flags;
  }

  /** Waits (bounded) until the destination on {@code sipPort} shows {@code wanted} flags. */
  public boolean awaitFlags(int sipPort, String wanted, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    String uri = "sip:127.0.0.1:" + sipPort;
    while (System.nanoTime() < deadline) {
      if (wanted.equals(flags().get(uri))) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** Kamailio's own log: which instance each INVITE went to, and why one was skipped. */
  public String log() {
    return process.output();
  }

  /** The lines of the log that mention {@code text}. */
  public List<String> logLines(String text) {
    var lines = new ArrayList<String>();
    for (String line : log().split("\n")) {
      if (line.contains(text)) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    // SIGTERM to the main process, which stops its children.
    process.close();
  }
}
