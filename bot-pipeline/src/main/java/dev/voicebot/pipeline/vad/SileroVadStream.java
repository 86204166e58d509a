package dev.voicebot.pipeline.vad;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BooleanSupplier;

/**
 * One call's Silero state: 512-sample windows at 16 kHz, each prefixed by the last 64 samples of
 * the previous window (the model's context), plus the recurrent state [2,1,128].
 *
 * <p>To keep the per-frame path free of allocation, every tensor is created once over a direct
 * buffer and ONNX Runtime writes its outputs into pinned tensors: the recurrent state ping-pongs
 * between two buffers (a run must not read and write the same one).
 */
final class SileroVadStream implements VadStream {

  static final int SAMPLE_RATE = 16_000;
  static final int WINDOW = 512;
  static final int CONTEXT = 64;
  private static final int STATE_SIZE = 2 * 128;
  private static final long[] INPUT_SHAPE = {1, CONTEXT + WINDOW};
  private static final long[] STATE_SHAPE = {2, 1, 128};
  private static final float PCM_SCALE = 1f / 32768f;

  private final OrtSession session;
  private final StampedLock guard;
  private final BooleanSupplier sessionClosed;
  private final FloatBuffer input = directFloats(CONTEXT + WINDOW);
  private final FloatBuffer probability = directFloats(1);
  private final FloatBuffer[] state = {directFloats(STATE_SIZE), directFloats(STATE_SIZE)};
  private final OnnxTensor inputTensor;
  private final OnnxTensor rateTensor;
  private final OnnxTensor probabilityTensor;
  private final OnnxTensor[] stateTensors;
  /** Run inputs/outputs for each ping-pong phase, built once. */
  private final List<Map<String, OnnxTensor>> inputs;
  private final List<Map<String, OnnxTensor>> outputs;

  /** Context (64) followed by the window being filled (512), as model-ready floats. */
  private final float[] samples = new float[CONTEXT + WINDOW];
  private int filled;
  private int phase;
  private float lastProbability;
  private boolean closed;

  SileroVadStream(OrtEnvironment environment, OrtSession session, StampedLock guard, BooleanSupplier sessionClosed)
      throws OrtException {
    this.session = session;
    this.guard = guard;
    this.sessionClosed = sessionClosed;
    OnnxTensor in = null;
    OnnxTensor rate = null;
    OnnxTensor prob = null;
    OnnxTensor s0 = null;
    OnnxTensor s1 = null;
    try {
      in = OnnxTensor.createTensor(environment, input, INPUT_SHAPE);
      LongBuffer sr = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
      sr.put(0, SAMPLE_RATE);
      rate = OnnxTensor.createTensor(environment, sr, new long[0]);
      prob = OnnxTensor.createTensor(environment, probability, new long[] {1, 1});
      s0 = OnnxTensor.createTensor(environment, state[0], STATE_SHAPE);
      s1 = OnnxTensor.createTensor(environment, state[1], STATE_SHAPE);
    } catch (OrtException | RuntimeException e) {
      closeAll(in, rate, prob, s0, s1);
      throw e;
    }
    this.inputTensor = in;
    this.rateTensor = rate;
    this.probabilityTensor = prob;
    this.stateTensors = new OnnxTensor[] {s0, s1};
    this.inputs =
        List.of(
            Map.of("input", in, "state", s0, "sr", rate),
            Map.of("input", in, "state", s1, "sr", rate));
    this.outputs = List.of(Map.of("output", prob, "stateN", s1), Map.of("output", prob, "stateN", s0));
  }

  @Override
  public float accept(short[] pcm16k, int offset, int length) {
    if (closed) {
      throw new IllegalStateException("VAD stream is closed");
    }
    java.util.Objects.checkFromIndexSize(offset, length, pcm16k.length);
    int end = offset + length;
    for (int i = offset; i < end; ) {
      int n = Math.min(WINDOW - filled, end - i);
      for (int k = 0; k < n; k++) {
        samples[CONTEXT + filled + k] = pcm16k[i + k] * PCM_SCALE;
      }
      filled += n;
      i += n;
      if (filled == WINDOW) {
        lastProbability = runWindow();
        // The last 64 samples of this window are the next window's context.
        System.arraycopy(samples, WINDOW, samples, 0, CONTEXT);
        filled = 0;
      }
    }
    return lastProbability;
  }

  private float runWindow() {
    input.put(0, samples);
    long stamp = guard.readLock();
    try {
      if (sessionClosed.getAsBoolean()) {
        throw new IllegalStateException("the Silero VAD session is closed (the app is shutting down)");
      }
      // Outputs land in the pinned tensors; the Result only refers to them (closing it leaves them open).
      session.run(inputs.get(phase), outputs.get(phase)).close();
    } catch (OrtException e) {
      throw new IllegalStateException("Silero VAD inference failed", e);
    } finally {
      guard.unlockRead(stamp);
    }
    phase = 1 - phase;
    return Math.clamp(probability.get(0), 0f, 1f);
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(samples, 0f);
    for (FloatBuffer s : state) {
      for (int i = 0; i < STATE_SIZE; i++) {
        s.put(i, 0f);
      }
    }
    filled = 0;
    phase = 0;
    lastProbability = 0f;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(inputTensor, rateTensor, probabilityTensor, stateTensors[0], stateTensors[1]);
  }

  private static void closeAll(OnnxTensor... tensors) {
    for (OnnxTensor t : tensors) {
      if (t != null) {
        t.close();
      }
    }
  }

  private static FloatBuffer directFloats(int count) {
    return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }
}
