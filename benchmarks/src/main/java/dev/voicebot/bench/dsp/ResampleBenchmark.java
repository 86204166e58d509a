package dev.voicebot.bench.dsp;

import dev.voicebot.rtp.resample.Resampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The polyphase resampler on one 20 ms frame: G.711's 8 kHz to the pipeline's 16 kHz and back. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResampleBenchmark {

  private final Resampler up = Resampler.upsample8kTo16k();
  private final Resampler down = Resampler.downsample16kTo8k();
  private final short[] in8k = Speech.of(8000, 0.02);
  private final short[] in16k = Speech.of(16000, 0.02);
  private final short[] out16k = new short[320];
  private final short[] out8k = new short[160];

  @Benchmark
  public int upsample8kTo16k() {
    return up.process(in8k, 0, 160, out16k, 0);
  }

  @Benchmark
  public int downsample16kTo8k() {
    return down.process(in16k, 0, 320, out8k, 0);
  }
}
