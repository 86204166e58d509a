package dev.voicebot.bench.dsp;

import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.jitter.JitterBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One packet in, one 20 ms frame out, as every media clock tick does on a steady PCMU stream
 * (the G.711 decode inside pull is part of the cost).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JitterBufferBenchmark {

  private JitterBuffer jitter;
  private final byte[] payload = new byte[160];
  private final short[] out = new short[160];
  private int sequence;
  private int timestamp;

  @Setup(Level.Trial)
  public void setUp() {
    jitter = new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU));
    short[] speech = Speech.of(8000, 0.02);
    for (int i = 0; i < 160; i++) {
      payload[i] = dev.voicebot.rtp.codec.G711.ulawEncode(speech[i]);
    }
  }

  @Benchmark
  public int pushAndPull() {
    jitter.push(0x1234, sequence & 0xffff, timestamp, payload, 0, payload.length);
    sequence++;
    timestamp += 160;
    return jitter.pull(out, 0, 160);
  }
}
