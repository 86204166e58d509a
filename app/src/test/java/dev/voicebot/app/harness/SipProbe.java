package dev.voicebot.app.harness;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One INVITE over UDP from a socket of its own, timed to its final response: how fast a bot at its
 * limit turns a caller away. Provisional responses (100 Trying) are skipped; an answered call (200)
 * is not acknowledged, so it is only for calls that are expected to be refused.
 */
public final class SipProbe {

  private static final Pattern RETRY_AFTER = Pattern.compile("(?im)^Retry-After:\\s*(\\d+)");

  /** The final response: its status, Retry-After (seconds) if any, and the time it took. */
  public record Answer(int status, Optional<Integer> retryAfter, Duration took) {}

  private SipProbe() {}

  /** Sends an INVITE to {@code service} at the bot from {@code localPort}, with a PCMU offer. */
  public static Answer invite(int botPort, int localPort, String service, Duration limit) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (var socket = new DatagramSocket(localPort, loopback)) {
      String tag = Long.toHexString(System.nanoTime());
      String sdp = "v=0\r\no=probe 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio " + (localPort + 1) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
      String invite = ("INVITE sip:%s@127.0.0.1:%d SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s\r\n"
          + "From: <sip:probe@127.0.0.1:%d>;tag=%s\r\n"
          + "To: <sip:%s@127.0.0.1:%d>\r\n"
          + "Call-ID: probe-%s@127.0.0.1\r\n"
          + "CSeq: 1 INVITE\r\n"
          + "Contact: <sip:probe@127.0.0.1:%d>\r\n"
          + "Max-Forwards: 70\r\n"
          + "Content-Type: application/sdp\r\n"
          + "Content-Length: %d\r\n\r\n%s").formatted(service, botPort, localPort, tag, localPort, tag, service, botPort,
          tag, localPort, sdp.getBytes(StandardCharsets.US_ASCII).length, sdp);
      byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
      long start = System.nanoTime();
      long deadline = start + limit.toNanos();
      socket.send(new DatagramPacket(bytes, bytes.length, loopback, botPort));
      byte[] buffer = new byte[8192];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException("no final response to the INVITE within " + limit);
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        var packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        long took = System.nanoTime() - start;
        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
        if (!response.startsWith("SIP/2.0 ")) {
          continue;
        }
        int status = Integer.parseInt(response.substring(8, 11));
        if (status >= 200) {
          var retry = RETRY_AFTER.matcher(response);
          return new Answer(status, retry.find() ? Optional.of(Integer.parseInt(retry.group(1))) : Optional.empty(),
              Duration.ofNanos(took));
        }
      }
    }
  }
}
