package dev.voicebot.pipeline.vad;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicebot.pipeline.models.ModelChecksum;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.locks.StampedLock;

/**
 * Silero VAD v5 (16 kHz) on ONNX Runtime. One session is shared by all calls: ONNX Runtime allows
 * concurrent {@code run} calls on a session, and all per-call state (the recurrent state and the
 * audio context) lives in the {@link VadStream}s this detector opens.
 */
public final class SileroVad implements VoiceActivityDetector {

  /** SHA-256 of the pinned model: {@code dist/silero_vad.onnx} of npm {@code @livekit/agents-plugin-silero@1.9.0}. */
  public static final String MODEL_SHA256 =
      "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3";

  private static final Set<String> REQUIRED_INPUTS = Set.of("input", "state", "sr");
  private static final Set<String> REQUIRED_OUTPUTS = Set.of("output", "stateN");

  private final OrtEnvironment environment;
  private final OrtSession session;
  private volatile boolean closed;
  /**
   * Held for reading by each stream's run and for writing by {@link #close}: a call whose actor
   * still runs a frame when the app shuts down gets an exception, not a native crash on a freed
   * session (seen under load, when the app closed with calls still up). No allocation, no wait
   * unless closing.
   */
  private final StampedLock guard = new StampedLock();

  /**
   * Loads the model after checking its SHA-256 against {@link #MODEL_SHA256}.
   *
   * @throws IllegalArgumentException if the file is missing or is not the pinned model
   * @throws IllegalStateException if ONNX Runtime cannot load it
   */
  public SileroVad(Path modelFile) {
    ModelChecksum.requireSha256(modelFile, MODEL_SHA256);
    this.environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // A 32 ms window is far too small to gain from intra-op parallelism; one thread per run
      // keeps latency flat and lets concurrent calls use the other cores instead.
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = environment.createSession(modelFile.toString(), options);
      requireSignature(modelFile);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load Silero VAD model " + modelFile, e);
    }
  }

  private void requireSignature(Path modelFile) throws OrtException {
    if (!session.getInputInfo().keySet().containsAll(REQUIRED_INPUTS)
        || !session.getOutputInfo().keySet().containsAll(REQUIRED_OUTPUTS)) {
      session.close();
      throw new IllegalStateException(
          "model " + modelFile + " has inputs " + session.getInputInfo().keySet()
              + " and outputs " + session.getOutputInfo().keySet()
              + "; Silero VAD v5 needs " + REQUIRED_INPUTS + " and " + REQUIRED_OUTPUTS);
    }
  }

  @Override
  public VadStream openStream() {
    if (closed) {
      throw new IllegalStateException("SileroVad is closed");
    }
    try {
      return new SileroVadStream(environment, session, guard, () -> closed);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open a VAD stream", e);
    }
  }

  /** Closes the shared session, after any run in progress; streams used afterwards throw. */
  @Override
  public void close() {
    long stamp = guard.writeLock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the Silero VAD session", e);
    } finally {
      guard.unlockWrite(stamp);
    }
    // The OrtEnvironment is a process-wide singleton that other sessions may share: not closed.
  }
}
