package dev.voicebot.pipeline.embedding;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the vectors of the most recent sentences. The conversation assesses the caller's words
 * at every partial transcript and again at the final one, and most of those repeat the text just
 * seen; they then cost a map lookup instead of a model run. Shared by all calls (a lock held only
 * for the lookup, never during a run).
 */
public final class CachingEncoder implements SentenceEncoder {

  private final SentenceEncoder encoder;
  private final Map<String, float[]> recent;

  public CachingEncoder(SentenceEncoder encoder, int capacity) {
    this.encoder = encoder;
    this.recent = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public float[] embed(String text) {
    synchronized (recent) {
      float[] known = recent.get(text);
      if (known != null) {
        return known;
      }
    }
    float[] vector = encoder.embed(text);
    synchronized (recent) {
      recent.put(text, vector);
    }
    return vector;
  }

  @Override
  public int dimensions() {
    return encoder.dimensions();
  }

  @Override
  public void close() {
    encoder.close();
  }
}
