package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** tcpdump on the loopback interface, limited to a UDP port range, writing a pcap. */
public final class PacketCapture implements AutoCloseable {

  private final ManagedProcess tcpdump;
  private final Path file;

  private PacketCapture(ManagedProcess tcpdump, Path file) {
    this.tcpdump = tcpdump;
    this.file = file;
  }

  /** Starts capturing UDP to or from {@code portMin..portMax}; returns once tcpdump listens. */
  public static PacketCapture start(Path workDir, String name, int portMin, int portMax)
      throws IOException, InterruptedException {
    Path file = workDir.resolve(name + ".pcap");
    var process = ManagedProcess.start("tcpdump-" + name, List.of(
        "tcpdump", "-i", "lo", "-n", "-U", "-s", "0", "-w", file.toString(),
        "udp and portrange " + portMin + "-" + portMax), workDir);
    if (!process.awaitLog("listening on", Duration.ofSeconds(10))) {
      String output = process.output();
      process.close();
      throw new IOException("tcpdump did not start (apt-get install tcpdump; needs root): " + output);
    }
    return new PacketCapture(process, file);
  }

  /** Stops the capture (tcpdump flushes on SIGTERM) and returns the RTP packets seen. */
  public List<CapturedRtp.Packet> stop() throws IOException, InterruptedException {
    Thread.sleep(200);
    tcpdump.stop(Duration.ofSeconds(5));
    return CapturedRtp.read(file);
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    tcpdump.close();
  }
}
