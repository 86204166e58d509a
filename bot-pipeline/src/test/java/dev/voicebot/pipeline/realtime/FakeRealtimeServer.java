package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for an OpenAI Realtime server: a minimal RFC 6455 WebSocket server (the
 * upgrade handshake with Sec-WebSocket-Accept, masked client frames, fragmented text, ping/pong
 * and close) that records every client event and lets a test send server events. One client at a
 * time; test code, so it locks freely. Public, and in the module's test jar, for the app's
 * end-to-end calls.
 */
public final class FakeRealtimeServer implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket listener;
  private final List<Json> received = new CopyOnWriteArrayList<>();
  /** By identity: two identical events (two response.create) are still two events. */
  private final Set<Json> taken = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  public final Map<String, String> requestHeaders = new ConcurrentHashMap<>();
  public volatile String requestTarget = "";
  public final CountDownLatch connected = new CountDownLatch(1);
  public final CountDownLatch closeReceived = new CountDownLatch(1);
  public volatile int closeCode = -1;
  private volatile Socket client;
  private OutputStream out;

  public FakeRealtimeServer() throws IOException {
    listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("fake-realtime").start(this::acceptLoop);
  }

  public URI url() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/v1/realtime");
  }

  // ---------------------------------------------------------------- the test's side

  /** Sends one server event. */
  public void send(Json event) {
    writeFrame(0x1, event.toJson().getBytes(StandardCharsets.UTF_8));
  }

  public void send(Object... keysAndValues) {
    send(Json.object(keysAndValues));
  }

  /** Sends {@code ms} of a 1 kHz tone at 24 kHz as audio deltas of 100 ms. */
  public void sendAudio(String responseId, String itemId, int ms) {
    int samples = 24 * ms;
    for (int start = 0; start < samples; start += 2400) {
      short[] chunk = new short[Math.min(2400, samples - start)];
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (start + i) / 24_000.0));
      }
      send("type", "response.audio.delta", "response_id", responseId, "item_id", itemId, "output_index", 0,
          "content_index", 0, "delta", Pcm16.encode(chunk, 0, chunk.length));
    }
  }

  /** Sends 24 kHz audio (speech the test prepared, say) as deltas of 100 ms, as the API streams it. */
  public void sendAudio(String responseId, String itemId, short[] pcm24k) {
    for (int start = 0; start < pcm24k.length; start += 2400) {
      int length = Math.min(2400, pcm24k.length - start);
      send("type", "response.audio.delta", "response_id", responseId, "item_id", itemId, "output_index", 0,
          "content_index", 0, "delta", Pcm16.encode(pcm24k, start, length));
    }
  }

  public void sendPing() {
    writeFrame(0x9, "are you there".getBytes(StandardCharsets.UTF_8));
  }

  /** Closes the WebSocket properly with {@code code}. */
  public void closeWith(int code) {
    writeFrame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
  }

  /** Cuts the TCP connection without a close frame, like a crashed server. */
  public void drop() throws IOException {
    Socket s = client;
    if (s != null) {
      s.setSoLinger(true, 0);
      s.close();
    }
  }

  /** The oldest client event of {@code type} not returned before, waiting for it. */
  public Json await(String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Json event : received) {
        if (type.equals(event.get("type").string().orElse("")) && taken.add(event)) {
          return event;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + type + " within " + timeout + "; received " + types());
  }

  public Json await(String type) throws InterruptedException {
    return await(type, Duration.ofSeconds(5));
  }

  /** Every client event of {@code type} so far. */
  public List<Json> all(String type) {
    return received.stream().filter(e -> type.equals(e.get("type").string().orElse(""))).toList();
  }

  public List<String> types() {
    return received.stream().map(e -> e.get("type").string().orElse("?")).toList();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    Socket s = client;
    if (s != null) {
      s.close();
    }
  }

  // ---------------------------------------------------------------- the protocol

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      String key = readHandshake(in);
      synchronized (this) {
        client = s;
        out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      connected.countDown();
      readFrames(in);
    } catch (IOException e) {
      // the client went away
    }
  }

  private String readHandshake(DataInputStream in) throws IOException {
    String requestLine = readLine(in);
    requestTarget = requestLine.split(" ")[1];
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      int colon = line.indexOf(':');
      requestHeaders.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    String key = requestHeaders.get("sec-websocket-key");
    if (key == null || !"websocket".equalsIgnoreCase(requestHeaders.get("upgrade"))) {
      throw new IOException("not a WebSocket upgrade");
    }
    return key;
  }

  private void readFrames(DataInputStream in) throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      if ((b1 & 0x80) == 0) {
        throw new IOException("client frames must be masked (RFC 6455 5.1)");
      }
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] mask = in.readNBytes(4);
      byte[] payload = in.readNBytes((int) length);
      if (payload.length != length) {
        throw new EOFException();
      }
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      switch (opcode) {
        case 0x0, 0x1 -> {
          message.write(payload);
          if (fin) {
            received.add(Json.parse(message.toString(StandardCharsets.UTF_8)));
            message.reset();
          }
        }
        case 0x8 -> {
          closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          closeReceived.countDown();
          writeFrame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
          return;
        }
        case 0x9 -> writeFrame(0xA, payload);
        default -> {} // pong, binary: nothing to do
      }
    }
  }

  private synchronized void writeFrame(int opcode, byte[] payload) {
    try {
      if (out == null) {
        throw new IllegalStateException("no client connected");
      }
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(0x80 | opcode);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else if (payload.length < 65_536) {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length);
      } else {
        frame.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) ((long) payload.length >> shift));
        }
      }
      frame.write(payload);
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      // the client is gone; the test will notice what did not happen
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1 && line.size() == 0) {
      throw new EOFException();
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }

  public static void sleep(Duration d) throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(d.toMillis());
  }
}
