package dev.voicebot.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SIP caller over one TLS connection, enough to place, answer-check and end a call:
 * it writes requests by hand and reads whole messages (headers, then Content-Length bytes).
 */
final class TlsSipClient implements AutoCloseable {

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String callId = UUID.randomUUID() + "@127.0.0.1";
  private final String fromTag = Long.toHexString(System.nanoTime());

  TlsSipClient(SSLContext context, int port, String protocol) throws IOException {
    socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setSoTimeout(5000);
    socket.startHandshake();
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  String negotiatedProtocol() {
    return socket.getSession().getProtocol();
  }

  String callId() {
    return callId;
  }

  void invite(String requestUri, String sdp) throws IOException {
    send(request("INVITE", requestUri, 1, null, "Content-Type: application/sdp\r\n", sdp));
  }

  void ack(String requestUri, String toTag) throws IOException {
    send(request("ACK", requestUri, 1, toTag, "", ""));
  }

  void bye(String requestUri, String toTag) throws IOException {
    send(request("BYE", requestUri, 2, toTag, "", ""));
  }

  /** The next whole message; provisional responses included. */
  String read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) { // CRLF CRLF ends the headers
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.write(b);
      last4 = last4 << 8 | b;
    }
    String headers = head.toString(StandardCharsets.UTF_8);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** The next final response (after any 1xx). */
  String readFinal() throws IOException {
    while (true) {
      String m = read();
      if (!m.startsWith("SIP/2.0 1")) {
        return m;
      }
    }
  }

  static String header(String message, String name) {
    for (String line : message.split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "";
  }

  static String toTag(String response) {
    String to = header(response, "To");
    int i = to.indexOf(";tag=");
    return i < 0 ? "" : to.substring(i + 5).split(";")[0];
  }

  private String request(String method, String uri, int cseq, String toTag, String extra, String body) {
    int localPort = socket.getLocalPort();
    return method + " " + uri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/TLS 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:caller@127.0.0.1>;tag=" + fromTag + "\r\n"
        + "To: <" + uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Contact: <sip:caller@127.0.0.1:" + localPort + ";transport=tls>\r\n"
        + extra
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + "\r\n"
        + body;
  }

  private void send(String message) throws IOException {
    out.write(message.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
