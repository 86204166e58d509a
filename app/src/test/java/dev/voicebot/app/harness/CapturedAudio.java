package dev.voicebot.app.harness;

import dev.voicebot.rtp.codec.G711;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio one side of a call sent (the bot or the caller), rebuilt from captured RTP: placed by RTP timestamp (so gaps
 * stay gaps), with the capture time of every voiced packet for latency figures.
 */
public final class CapturedAudio {

  /** Packets whose RMS is above this are "voiced" (about -40 dBFS; G.711 silence is far below). */
  private static final double VOICED_RMS = 330;

  /** A voiced packet's capture time and its position in the stream. */
  public record Voiced(long captureMicros, int sampleOffset) {}

  private final short[] pcm8k;
  private final List<Voiced> voiced;

  private CapturedAudio(short[] pcm8k, List<Voiced> voiced) {
    this.pcm8k = pcm8k;
    this.voiced = voiced;
  }

  /** Decodes the PCMU/PCMA packets of one direction; other payload types (DTMF, CN) are skipped. */
  public static CapturedAudio of(List<CapturedRtp.Packet> packets) {
    var media = packets.stream().filter(p -> p.payloadType() == 0 || p.payloadType() == 8).toList();
    if (media.isEmpty()) {
      return new CapturedAudio(new short[0], List.of());
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
    return new CapturedAudio(pcm, List.copyOf(voiced));
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

  /** Capture time of the first voiced packet, or -1. */
  public long firstVoiced() {
    return voiced.isEmpty() ? -1 : voiced.getFirst().captureMicros();
  }

  /** Capture time of the last voiced packet, or -1. */
  public long lastVoiced() {
    return voiced.isEmpty() ? -1 : voiced.getLast().captureMicros();
  }

  /**
   * Capture time of the last voiced packet before the first pause of at least {@code gapMicros}
   * that follows {@code micros}: when a talkspurt running at that moment stopped. -1 if nothing
   * was voiced at or before {@code micros}.
   */
  public long endOfTalkspurtAt(long micros, long gapMicros) {
    long end = -1;
    for (Voiced v : voiced) {
      if (v.captureMicros() <= micros) {
        end = v.captureMicros();
      } else if (end >= 0 && v.captureMicros() - end < gapMicros) {
        end = v.captureMicros();
      } else {
        break;
      }
    }
    return end;
  }
}
