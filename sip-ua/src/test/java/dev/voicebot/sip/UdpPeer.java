package dev.voicebot.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw UDP socket on loopback that sends hand-written (or broken) SIP and reads what comes back. */
final class UdpPeer implements AutoCloseable {

  final DatagramSocket socket;
  private final InetSocketAddress target;

  UdpPeer(String localAddress, int targetPort) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral(localAddress), 0));
    target = new InetSocketAddress(FreePorts.LOOPBACK, targetPort);
  }

  int localPort() {
    return socket.getLocalPort();
  }

  void send(byte[] message) throws IOException {
    socket.send(new DatagramPacket(message, message.length, target));
  }

  void send(String message) throws IOException {
    send(message.getBytes(StandardCharsets.UTF_8));
  }

  /** The next datagram as text, or null if none came within the wait. */
  String receive(Duration wait) throws IOException {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    try {
      socket.receive(p);
      return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** The first response whose status line starts with {@code prefix}, skipping others. */
  String receiveStatus(String prefix, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      String m = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (m != null && m.startsWith("SIP/2.0 " + prefix)) {
        return m;
      }
    }
    return null;
  }

  /** A syntactically fine request from this socket, CRLF line ends, {@code extra} header lines. */
  String request(String method, String callId, String via, String extra, String body) {
    String b = body == null ? "" : body;
    return method + " sip:bot@127.0.0.1:" + target.getPort() + " SIP/2.0\r\n"
        + "Via: " + (via != null ? via : "SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=z9hG4bK" + callId.hashCode() + method) + "\r\n"
        + "From: <sip:peer@127.0.0.1:" + localPort() + ">;tag=t" + callId.hashCode() + "\r\n"
        + "To: <sip:bot@127.0.0.1:" + target.getPort() + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + (extra == null ? "Max-Forwards: 70\r\n" : extra)
        + "Contact: <sip:peer@127.0.0.1:" + localPort() + ">\r\n"
        + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b;
  }

  static String sdp(int rtpPort) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n";
  }

  @Override
  public void close() {
    socket.close();
  }
}
