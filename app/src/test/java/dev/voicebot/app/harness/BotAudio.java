package dev.voicebot.app.harness;

import dev.voicebot.rtp.codec.G711;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio one side of a call sent, rebuilt from captured RTP: placed by RTP timestamp (so gaps
 * stay gaps), with the capture time of every voiced packet for latency figures.
 */
public final class BotAudio {

  /** Packets whose RMS is above this are "voiced" (about -40 dBFS; G.711 silence is far below). */
  private static final double VOICED_RMS = 330;

  /** A voiced packet's capture time and its position in the stream. */
  public record Voiced(long captureMicros, int sampleOffset) {}

  private final short[] pcm8k;
  private final List<Voiced> voiced;

  private BotAudio(short[] pcm8k, List<Voiced> voiced) {
    this.pcm8k = pcm8k;
    this.voiced = voiced;
  }

  /** Decodes the PCMU/PCMA packets of one direction; other payload types (DTMF, CN) are skipped. */
  public static BotAudio of(List<CapturedRtp.Packet> packets) {
    var media = packets.stream().filter(p -> p.payloadType() == 0 || p.payloadType() == 8).toList();
    if (media.isEmpty()) {
      return new BotAudio(new short[0], List.of());
    }
    long first = media.getFirst().timestamp();
    long last = media.stream().mapToLong(p -> ((p.timestamp() - first) & 0xffffffffL) + p.payload().length).max().orElse(0);
    short[] pcm = new short[(int) Math.min(last, 8000L * 600)];
    var voiced = new ArrayList<Voiced>();
    for (var p : media) {
      int at = (int) ((p.timestamp() - first) & 0xffffffffL);
      double energy = 0;
      for (int i = 0; i < p.payload().length && at + i < pcm.length; i++) {
        short s = p.payloadType() == 0 ? G711.ulawDecode(p.payload()[i]) : G711.alawDecode(p.payload()[i]);
        pcm[at + i] = s;
        energy += (double) s * s;
      }
      if (Math.sqrt(energy / Math.max(1, p.payload().length)) > VOICED_RMS) {
        voiced.add(new Voiced(p.captureMicros(), at));
      }
    }
    return new BotAudio(pcm, List.copyOf(voiced));
  }

  public short[] pcm8k() {
    return pcm8k;
  }

  public List<Voiced> voiced() {
    return voiced;
  }

  public double seconds() {
    return pcm8k.length / 8000.0;
  }

  /** Capture time of the first voiced packet sent at or after {@code micros}, or -1. */
  public long firstVoicedAfter(long micros) {
    return voiced.stream().mapToLong(Voiced::captureMicros).filter(t -> t >= micros).min().orElse(-1);
  }

  /** Capture time of the last voiced packet sent before {@code micros}, or -1. */
  public long lastVoicedBefore(long micros) {
    return voiced.stream().mapToLong(Voiced::captureMicros).filter(t -> t < micros).max().orElse(-1);
  }

  /**
   * Capture time of the last voiced packet of the talkspurt that is running at {@code micros}
   * (voiced packets less than {@code gapMicros} apart belong to one talkspurt), or -1.
   */
  public long endOfTalkspurtAt(long micros, long gapMicros) {
    long end = -1;
    for (Voiced v : voiced) {
      if (v.captureMicros() < micros) {
        end = v.captureMicros();
        continue;
      }
      if (end >= 0 && v.captureMicros() - end <= gapMicros) {
        end = v.captureMicros();
      } else {
        break;
      }
    }
    return end;
  }
}
