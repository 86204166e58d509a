package dev.voicebot.bench.dsp;

import dev.voicebot.rtp.codec.AudioCodec;
import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.PayloadFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of one 20 ms frame per codec, at the codec's own sample rate (8 kHz for
 * G.711; 16 kHz for G.722, and for Opus, which the bridge runs at 16 kHz). Frames cycle through
 * 2 s of signal so stateful codecs see changing audio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

  private static final int FRAMES = 100;

  @Param({"PCMU", "PCMA", "G722", "opus"})
  public String codec;

  private AudioCodec encoder;
  private AudioCodec decoder;
  private int frameSamples;
  private short[] signal;
  private byte[][] packets;
  private int[] packetLengths;
  private final byte[] encoded = new byte[1500];
  private final short[] decoded = new short[960];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    PayloadFormat format = switch (codec) {
      case "PCMU" -> PayloadFormat.PCMU;
      case "PCMA" -> PayloadFormat.PCMA;
      case "G722" -> PayloadFormat.G722;
      case "opus" -> PayloadFormat.OPUS;
      default -> throw new IllegalArgumentException(codec);
    };
    encoder = AudioCodecs.forFormat(format);
    decoder = AudioCodecs.forFormat(format);
    frameSamples = encoder.sampleRate() / 50;
    signal = Speech.of(encoder.sampleRate(), FRAMES * 0.02);
    AudioCodec packer = AudioCodecs.forFormat(format);
    packets = new byte[FRAMES][];
    packetLengths = new int[FRAMES];
    for (int i = 0; i < FRAMES; i++) {
      byte[] p = new byte[1500];
      packetLengths[i] = packer.encode(signal, i * frameSamples, frameSamples, p, 0);
      packets[i] = p;
    }
  }

  @Benchmark
  public int encode() {
    int i = next++ % FRAMES;
    return encoder.encode(signal, i * frameSamples, frameSamples, encoded, 0);
  }

  @Benchmark
  public short decode() {
    int i = next++ % FRAMES;
    decoder.decode(packets[i], 0, packetLengths[i], decoded, 0);
    return decoded[7];
  }
}
