package dev.voicebot.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports free for both UDP and TCP at the time of asking (never 5060). */
final class FreePorts {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FreePorts() {}

  static int udpAndTcp() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress(LOOPBACK, 0));
        int port = tcp.getLocalPort();
        try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }

  /**
   * A base for SIPp's {@code -mp}: SIPp binds audio RTP there and video RTP at base + 2 (base + 1
   * and + 3 kept for RTCP), so all four must be free, not just the base: a single free port once
   * put SIPp's video socket on the bot's own SIP port.
   */
  static int sippMediaBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = udpAndTcp() & ~1;
      if (base + 3 > 65535) {
        continue;
      }
      DatagramSocket[] held = new DatagramSocket[4];
      try {
        for (int i = 0; i < held.length; i++) {
          held[i] = new DatagramSocket(new InetSocketAddress(LOOPBACK, base + i));
        }
        return base;
      } catch (IOException taken) {
        // one of the four is in use: try another base
      } finally {
        for (DatagramSocket s : held) {
          if (s != null) {
            s.close();
          }
        }
      }
    }
    throw new IllegalStateException("no four free ports in a row");
  }
}
