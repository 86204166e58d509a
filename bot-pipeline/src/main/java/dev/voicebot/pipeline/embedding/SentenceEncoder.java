package dev.voicebot.pipeline.embedding;

/** Turns a sentence into a unit vector: similar meanings, close vectors. Thread-safe. */
public interface SentenceEncoder extends AutoCloseable {

  /** The sentence's vector, of length {@link #dimensions()} and unit norm (cosine = dot product). */
  float[] embed(String text);

  int dimensions();

  /** Cosine similarity of two unit vectors. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }

  @Override
  void close();
}
