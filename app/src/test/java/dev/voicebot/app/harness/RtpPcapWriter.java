package dev.voicebot.app.harness;

import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.rtp.codec.G711;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes 8 kHz speech as an Ethernet/IPv4/UDP/RTP pcap of PCMU or PCMA packets, 20 ms apart: the form
 * SIPp's {@code play_pcap_audio} replays (it rewrites addresses and ports, keeps the timing).
 */
public final class RtpPcapWriter {

  private static final int SAMPLES_PER_PACKET = 160;

  private RtpPcapWriter() {}

  /**
   * SIPp's {@code caller.pcap} in {@code dir}: {@code text} said by a corpus {@code voice} (not the
   * bot's) on a clean line, with 200 ms of silence before and 600 ms after, as PCMU.
   */
  public static Path writeCallerQuestion(Path dir, Voice voice, String text) throws IOException {
    var clean = LineCondition.CLEAN;
    short[] caller = CallerCorpus.open().say(voice, text, clean).padded(200, 600, clean).pcm8k();
    Path pcap = Files.createDirectories(dir).resolve("caller.pcap");
    writePcmu(caller, pcap);
    return pcap;
  }

  public static void writePcmu(short[] pcm8k, Path file) throws IOException {
    write(pcm8k, file, false);
  }

  /** The same as PCMA (payload type 8), for callers that negotiated A-law. */
  public static void writePcma(short[] pcm8k, Path file) throws IOException {
    write(pcm8k, file, true);
  }

  private static void write(short[] pcm8k, Path file, boolean alaw) throws IOException {
    try (var out = new DataOutputStream(Files.newOutputStream(file))) {
      writeGlobalHeader(out);
      int seq = 1000;
      long ts = 8000;
      long micros = 0;
      for (int off = 0; off < pcm8k.length; off += SAMPLES_PER_PACKET) {
        byte[] payload = new byte[SAMPLES_PER_PACKET];
        for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
          int idx = off + i;
          short sample = idx < pcm8k.length ? pcm8k[idx] : 0;
          payload[i] = alaw ? G711.alawEncode(sample) : G711.ulawEncode(sample);
        }
        writePacket(out, micros, rtp(seq++, ts, off == 0, alaw ? 8 : 0, payload));
        ts += SAMPLES_PER_PACKET;
        micros += 20_000;
      }
    }
  }

  private static byte[] rtp(int seq, long ts, boolean marker, int payloadType, byte[] payload) {
    byte[] p = new byte[12 + payload.length];
    p[0] = (byte) 0x80;
    p[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[4] = (byte) (ts >> 24);
    p[5] = (byte) (ts >> 16);
    p[6] = (byte) (ts >> 8);
    p[7] = (byte) ts;
    p[8] = 0x12;
    p[9] = 0x34;
    p[10] = 0x56;
    p[11] = 0x78;
    System.arraycopy(payload, 0, p, 12, payload.length);
    return p;
  }

  private static void writeGlobalHeader(DataOutputStream out) throws IOException {
    out.writeInt(0xa1b2c3d4);
    out.writeShort(2);
    out.writeShort(4);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(65535);
    out.writeInt(1); // Ethernet
  }

  private static void writePacket(DataOutputStream out, long micros, byte[] rtp) throws IOException {
    int udpLength = 8 + rtp.length;
    int ipLength = 20 + udpLength;
    int frameLength = 14 + ipLength;
    out.writeInt((int) (micros / 1_000_000));
    out.writeInt((int) (micros % 1_000_000));
    out.writeInt(frameLength);
    out.writeInt(frameLength);
    // Ethernet: zero MACs, IPv4.
    out.write(new byte[12]);
    out.writeShort(0x0800);
    byte[] ip = new byte[20];
    ip[0] = 0x45;
    ip[2] = (byte) (ipLength >> 8);
    ip[3] = (byte) ipLength;
    ip[8] = 64;
    ip[9] = 17;
    ip[12] = 127;
    ip[15] = 1;
    ip[16] = 127;
    ip[19] = 1;
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += ((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff);
    }
    sum = (sum & 0xffff) + (sum >> 16);
    sum = ~sum & 0xffff;
    ip[10] = (byte) (sum >> 8);
    ip[11] = (byte) sum;
    out.write(ip);
    out.writeShort(6000);
    out.writeShort(6002);
    out.writeShort(udpLength);
    out.writeShort(0);
    out.write(rtp);
  }

}
