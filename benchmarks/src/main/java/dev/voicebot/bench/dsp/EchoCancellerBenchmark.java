package dev.voicebot.bench.dsp;

import dev.voicebot.rtp.aec.EchoCanceller;
import dev.voicebot.rtp.aec.EchoConfig;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * speexdsp (through FFM) on one 16 kHz frame: the far-end frame in, the near-end frame (a delayed,
 * attenuated echo of it) cleaned, with the default 128 ms tail; with and without the
 * preprocessor (noise and residual echo suppression). Needs Debian's libspeexdsp1.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EchoCancellerBenchmark {

  private static final int FRAMES = 100;
  private static final int ECHO_DELAY = 480; // 30 ms at 16 kHz

  @Param({"false", "true"})
  public boolean preprocess;

  private EchoCanceller canceller;
  private short[] far;
  private short[][] near;
  private final short[] farFrame = new short[320];
  private final short[] out = new short[320];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    canceller = EchoCanceller.create(EchoConfig.DEFAULT.withPreprocess(preprocess));
    far = Speech.of(16000, FRAMES * 0.02);
    near = new short[FRAMES][320];
    for (int f = 0; f < FRAMES; f++) {
      for (int i = 0; i < 320; i++) {
        int j = f * 320 + i - ECHO_DELAY;
        near[f][i] = (short) (j >= 0 ? far[j] * 0.45 : 0);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    canceller.close();
  }

  @Benchmark
  public short playbackAndCapture() {
    int f = next++ % FRAMES;
    System.arraycopy(far, f * 320, farFrame, 0, 320);
    canceller.playback(farFrame);
    canceller.capture(near[f], out);
    return out[11];
  }
}
