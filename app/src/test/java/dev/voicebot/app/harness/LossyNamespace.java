package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A network namespace of the test's own, joined to the host by a veth pair, whose packets towards
 * the bot can be dropped at random with nftables: netem is not in this kernel, nftables' {@code
 * numgen random} on the input hook is. The caller (SIPp) runs inside the namespace; the bot binds
 * the host end of the pair. The drop rule sits in a table of its own and matches only packets
 * arriving from this veth, so nothing else on the host is touched. Needs root.
 */
public final class LossyNamespace implements AutoCloseable {

  private final String name;
  private final String hostAddress;
  private final String namespaceAddress;
  private final Path workDir;
  private final String table;

  /**
   * Creates namespace {@code name} with veth {@code name-h} (host, {@code 10.231.<subnet>.1/30})
   * and {@code name-n} (inside, {@code .2}).
   */
  public static LossyNamespace create(String name, int subnet, Path workDir) throws IOException, InterruptedException {
    var ns = new LossyNamespace(name, "10.231." + subnet + ".1", "10.231." + subnet + ".2", workDir);
    try {
      ns.run("ip", "netns", "add", name);
      ns.run("ip", "link", "add", name + "-h", "type", "veth", "peer", "name", name + "-n");
      ns.run("ip", "link", "set", name + "-n", "netns", name);
      ns.run("ip", "addr", "add", ns.hostAddress + "/30", "dev", name + "-h");
      ns.run("ip", "link", "set", name + "-h", "up");
      ns.run("ip", "netns", "exec", name, "ip", "addr", "add", ns.namespaceAddress + "/30", "dev", name + "-n");
      ns.run("ip", "netns", "exec", name, "ip", "link", "set", name + "-n", "up");
      ns.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  private LossyNamespace(String name, String hostAddress, String namespaceAddress, Path workDir) {
    this.name = name;
    this.hostAddress = hostAddress;
    this.namespaceAddress = namespaceAddress;
    this.workDir = workDir;
    this.table = name.replace('-', '_');
  }

  public String hostAddress() {
    return hostAddress;
  }

  public String namespaceAddress() {
    return namespaceAddress;
  }

  /** Prefix that runs a command inside the namespace. */
  public List<String> exec() {
    return List.of("ip", "netns", "exec", name);
  }

  /**
   * Drops {@code percent} % of the UDP packets from the namespace to host ports
   * {@code portMin..portMax}, spread at random but the same in every run: the packets at the
   * positions {@code seed} picks in each run of 100 (nftables' own {@code numgen random} is not
   * seeded, and a test whose verdict depends on which words its dice hit is a flaky test).
   * Replaces any earlier rule.
   */
  public void dropToHost(int portMin, int portMax, int percent, long seed) throws IOException, InterruptedException {
    List<Integer> positions = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
    Collections.shuffle(positions, new Random(seed));
    String dropped = positions.subList(0, percent).stream().sorted().map(String::valueOf)
        .collect(Collectors.joining(", ", "{ ", " }"));
    removeRules();
    run("nft", "add", "table", "inet", table);
    run("nft", "add", "chain", "inet", table, "input", "{ type filter hook input priority 0; }");
    run("nft", "add", "rule", "inet", table, "input", "iifname", name + "-h", "udp", "dport",
        portMin + "-" + portMax, "numgen", "inc", "mod", "100", dropped, "counter", "drop");
  }

  /** Packets the rule dropped so far, parsed from {@code nft list table}. */
  public long dropped() throws IOException, InterruptedException {
    try (var p = ManagedProcess.start("nft-list", List.of("nft", "list", "table", "inet", table), workDir)) {
      p.waitFor(Duration.ofSeconds(10));
      var m = Pattern.compile("counter packets (\\d+)").matcher(p.output());
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }

  private void removeRules() throws InterruptedException, IOException {
    ManagedProcess.run("nft-delete", List.of("nft", "delete", "table", "inet", table), workDir, Duration.ofSeconds(10));
  }

  private void run(String... command) throws IOException, InterruptedException {
    int exit = ManagedProcess.run(command[0], List.of(command), workDir, Duration.ofSeconds(10));
    if (exit != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit code " + exit
          + " (needs root, iproute2 and nftables)");
    }
  }

  /** Removes the rule table and the namespace (which takes the veth pair with it). */
  @Override
  public void close() throws IOException, InterruptedException {
    removeRules();
    ManagedProcess.run("ip-netns-del", List.of("ip", "netns", "del", name), workDir, Duration.ofSeconds(10));
    ManagedProcess.run("ip-link-del", List.of("ip", "link", "del", name + "-h"), workDir, Duration.ofSeconds(10));
  }
}
