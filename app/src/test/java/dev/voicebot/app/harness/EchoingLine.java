package dev.voicebot.app.harness;

import dev.voicebot.rtp.codec.G711;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A caller's media line that echoes the bot like a speakerphone AND talks at the same time: every
 * PCMU packet the bot sends comes back, delayed and attenuated, mixed into one stream with the
 * caller's own speech (which starts {@code speechStart} after the bot's first packet). SIPp cannot
 * do this: its {@code -rtp_echo} returns the bot's packets as a second RTP stream (the bot's SSRC)
 * beside the one {@code play_pcap_audio} sends, which no real line does. Loopback only; the SIP
 * side is a SIPp scenario whose SDP names this line's port.
 */
public final class EchoingLine implements AutoCloseable {

  private static final int FRAME = 160;

  private final DatagramSocket socket;
  private final short[] speech;
  private final long speechStartNanos;
  private final double echoGain;
  private final ArrayDeque<short[]> delay = new ArrayDeque<>();
  private final int delayFrames;
  private final Thread thread;
  private volatile boolean closed;
  private volatile int packetsEchoed;

  /**
   * @param port loopback UDP port the SDP advertises
   * @param speech8k the caller's words, 8 kHz
   * @param echoGain linear gain of the echo (0.5: 6 dB below what the bot sent)
   * @param echoDelay echo path delay, a multiple of 20 ms
   */
  public EchoingLine(int port, short[] speech8k, Duration speechStart, double echoGain, Duration echoDelay)
      throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.socket.setSoTimeout(200);
    this.speech = speech8k.clone();
    this.speechStartNanos = speechStart.toNanos();
    this.echoGain = echoGain;
    this.delayFrames = (int) (echoDelay.toMillis() / 20);
    this.thread = Thread.ofPlatform().name("echoing-line-" + port).daemon().start(this::run);
  }

  /** Bot packets that were echoed (one line packet goes out per bot packet). */
  public int packetsEchoed() {
    return packetsEchoed;
  }

  private void run() {
    byte[] in = new byte[1500];
    byte[] out = new byte[12 + FRAME];
    int seq = 5000;
    long ts = 160_000;
    long linePackets = 0;
    while (!closed) {
      DatagramPacket p = new DatagramPacket(in, in.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      // Only the bot's PCMU audio: telephone-events and RTCP are not echoed.
      if (p.getLength() != 12 + FRAME || (in[1] & 0x7f) != 0) {
        continue;
      }
      short[] frame = new short[FRAME];
      for (int i = 0; i < FRAME; i++) {
        frame[i] = G711.ulawDecode(in[12 + i]);
      }
      delay.addLast(frame);
      short[] echo = delay.size() > delayFrames ? delay.removeFirst() : new short[FRAME];
      // The line's own clock: one 20 ms packet out per bot packet in, so the caller's speech
      // advances a frame per packet. Reading it off the wall clock instead chopped and repeated
      // syllables whenever this thread ran late (a loaded machine), garbling the caller before
      // the bot ever heard them.
      int speechIndex = (int) (linePackets++ * FRAME - speechStartNanos / 125_000); // 8 kHz samples
      for (int i = 0; i < FRAME; i++) {
        int s = speechIndex + i >= 0 && speechIndex + i < speech.length ? speech[speechIndex + i] : 0;
        int mixed = (int) Math.round(echo[i] * echoGain) + s;
        out[12 + i] = G711.ulawEncode((short) Math.max(-32768, Math.min(32767, mixed)));
      }
      header(out, seq++, ts);
      ts += FRAME;
      send(out, p.getSocketAddress());
    }
  }

  private void send(byte[] packet, SocketAddress to) {
    try {
      socket.send(new DatagramPacket(packet, packet.length, to));
      packetsEchoed++;
    } catch (IOException e) {
      // The bot closed its port at the end of the call: nothing left to echo.
    }
  }

  private static void header(byte[] p, int seq, long ts) {
    p[0] = (byte) 0x80;
    p[1] = 0;
    p[2] = (byte) (seq >> 8);
    p[3] = (byte) seq;
    p[4] = (byte) (ts >> 24);
    p[5] = (byte) (ts >> 16);
    p[6] = (byte) (ts >> 8);
    p[7] = (byte) ts;
    p[8] = 0x0c;
    p[9] = 0x0a;
    p[10] = 0x11;
    p[11] = 0x3e;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join(2000);
    socket.close();
  }
}
