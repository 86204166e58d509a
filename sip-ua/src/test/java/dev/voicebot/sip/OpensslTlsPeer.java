package dev.voicebot.sip;

import dev.voicebot.sip.tls.PeerCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenSSL's {@code s_server} as the far end of the bot's outgoing TLS: it does the handshake with
 * its own certificate, prints what the bot sends and sends what the test writes. The test plays
 * the SIP side (reads a REGISTER, writes the answer), OpenSSL the TLS side.
 */
final class OpensslTlsPeer implements AutoCloseable {

  private final Process process;
  private final OutputStream toBot;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final Thread reader;
  private int consumed;

  private OpensslTlsPeer(Process process) {
    this.process = process;
    this.toBot = process.getOutputStream();
    InputStream fromBot = process.getInputStream();
    this.reader = Thread.ofVirtual().name("s_server-out").start(() -> {
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = fromBot.read(buf)) > 0; ) {
          synchronized (received) {
            received.write(buf, 0, n);
            received.notifyAll();
          }
        }
      } catch (IOException e) {
        // The process ended: nothing more will arrive.
      }
    });
  }

  static OpensslTlsPeer start(int port, PeerCertificate cert) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(
            "timeout", "-k", "2", "60",
            "openssl", "s_server", "-accept", "127.0.0.1:" + port,
            "-cert", cert.certificatePem().toString(), "-key", cert.keyPem().toString(), "-quiet")))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OpensslTlsPeer peer = new OpensslTlsPeer(p);
    // Listening once a TCP connect succeeds; s_server treats that probe as a client that left.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      try (var _ = new java.net.Socket(FreePorts.LOOPBACK, port)) {
        return peer;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    peer.close();
    throw new IOException("openssl s_server did not listen on " + port);
  }

  /** The next SIP message the bot sent (no body expected), or empty after {@code wait}. */
  Optional<String> nextMessage(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (received) {
      while (true) {
        String all = received.toString(StandardCharsets.UTF_8);
        int end = all.indexOf("\r\n\r\n", consumed);
        if (end >= 0) {
          String message = all.substring(consumed, end + 4).stripLeading();
          consumed = end + 4;
          return Optional.of(message);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        received.wait(left);
      }
    }
  }

  /** Everything the bot has sent so far. */
  String receivedText() {
    synchronized (received) {
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  void send(String message) throws IOException {
    toBot.write(message.getBytes(StandardCharsets.UTF_8));
    toBot.flush();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(3, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
    }
    reader.join(Duration.ofSeconds(2));
  }
}
