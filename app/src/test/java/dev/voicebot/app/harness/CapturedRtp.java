package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RTP packets read from a tcpdump capture (Ethernet, Linux cooked v1/v2, or raw IPv4 framing). */
public final class CapturedRtp {

  /** One RTP packet with its capture time and UDP ports. */
  public record Packet(long captureMicros, int srcPort, int dstPort, int payloadType, boolean marker,
      int sequence, long timestamp, long ssrc, byte[] payload) {}

  private CapturedRtp() {}

  public static List<Packet> read(Path pcap) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(pcap));
    if (buf.remaining() < 24) {
      return List.of();
    }
    int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
    boolean nanos;
    switch (magic) {
      case 0xa1b2c3d4 -> nanos = false;
      case 0xa1b23c4d -> nanos = true;
      case 0xd4c3b2a1 -> { buf.order(ByteOrder.LITTLE_ENDIAN); nanos = false; }
      case 0x4d3cb2a1 -> { buf.order(ByteOrder.LITTLE_ENDIAN); nanos = true; }
      default -> throw new IOException("not a pcap file: " + pcap);
    }
    int linkType = buf.getInt(20);
    buf.position(24);
    var packets = new ArrayList<Packet>();
    while (buf.remaining() >= 16) {
      long sec = buf.getInt() & 0xffffffffL;
      long frac = buf.getInt() & 0xffffffffL;
      int incl = buf.getInt();
      buf.getInt();
      if (incl > buf.remaining()) {
        break;
      }
      byte[] frame = new byte[incl];
      buf.get(frame);
      long micros = sec * 1_000_000 + (nanos ? frac / 1000 : frac);
      Packet p = parse(frame, linkType, micros);
      if (p != null) {
        packets.add(p);
      }
    }
    return packets;
  }

  private static Packet parse(byte[] f, int linkType, long micros) {
    int ip = switch (linkType) {
      case 1 -> 14; // Ethernet
      case 113 -> 16; // Linux cooked v1
      case 276 -> 20; // Linux cooked v2
      case 101, 228 -> 0; // raw IPv4
      case 0 -> 4; // BSD loopback
      default -> -1;
    };
    if (ip < 0 || f.length < ip + 28 || (f[ip] >> 4) != 4 || f[ip + 9] != 17) {
      return null;
    }
    int udp = ip + (f[ip] & 0x0f) * 4;
    int src = u16(f, udp);
    int dst = u16(f, udp + 2);
    int rtp = udp + 8;
    if (f.length < rtp + 12 || ((f[rtp] & 0xff) >> 6) != 2) {
      return null;
    }
    int cc = f[rtp] & 0x0f;
    boolean ext = (f[rtp] & 0x10) != 0;
    int pt = f[rtp + 1] & 0x7f;
    if (pt >= 72 && pt <= 76) {
      return null; // RTCP
    }
    int header = 12 + cc * 4;
    if (ext && f.length >= rtp + header + 4) {
      header += 4 + u16(f, rtp + header + 2) * 4;
    }
    int end = f.length;
    if ((f[rtp] & 0x20) != 0) {
      end -= f[end - 1] & 0xff;
    }
    if (rtp + header > end) {
      return null;
    }
    long ts = ((long) u16(f, rtp + 4) << 16) | u16(f, rtp + 6);
    long ssrc = ((long) u16(f, rtp + 8) << 16) | u16(f, rtp + 10);
    return new Packet(micros, src, dst, pt, (f[rtp + 1] & 0x80) != 0, u16(f, rtp + 2), ts, ssrc,
        Arrays.copyOfRange(f, rtp + header, end));
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}
