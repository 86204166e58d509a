package dev.voicebot.pipeline.stt;

import dev.voicebot.pipeline.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * One call's Vosk decoder.
 *
 * <p>A final comes either from {@link #finish()} or from Kaldi's own endpointer (configured in the
 * model's {@code conf/model.conf}) inside {@link #accept}; the latter may be empty after a long
 * silence. With a grammar, out-of-grammar speech is reported as the word {@code [unk]}.
 *
 * <p>A grammar change takes effect at the next utterance boundary: a Kaldi decoder cannot change
 * its graph mid-utterance, so the recognizer is recreated there (a few milliseconds).
 */
final class VoskStream implements RecognitionStream {

  static final float SAMPLE_RATE = 16_000f;
  /**
   * Readings of each final (Kaldi's lattice n-best): the intent matcher looks past the best one when
   * it means nothing (docs/benchmarks/intents.md: on the caller corpus, 7 more of 210 requests
   * understood). Vosk's best reading with n-best on is the lattice's best path rather than its
   * minimum-Bayes-risk reading; measured on the same 210, as many intents right either way, and
   * the cost is within the decoder's run-to-run noise.
   */
  static final int READINGS = 5;

  private final Model model;
  private Recognizer recognizer;
  /** Phrases to switch to at the next utterance boundary; null when there is no change pending. */
  private List<String> pendingPhrases;
  /** Whether audio was fed since the last final, i.e. an utterance is in progress. */
  private boolean inUtterance;
  private byte[] bytes = new byte[2 * 320 * 4];
  private String lastPartialJson = "";
  private Transcript lastPartial = Transcript.EMPTY_PARTIAL;
  private boolean closed;

  VoskStream(Model model, List<String> phrases) {
    this.model = model;
    this.recognizer = newRecognizer(phrases);
  }

  private Recognizer newRecognizer(List<String> phrases) {
    try {
      String grammar = VoskGrammar.toJson(phrases);
      Recognizer created = grammar == null
          ? new Recognizer(model, SAMPLE_RATE)
          : new Recognizer(model, SAMPLE_RATE, grammar);
      created.setMaxAlternatives(READINGS);
      return created;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot create a Vosk recognizer for phrases " + phrases, e);
    }
  }

  @Override
  public Transcript accept(short[] pcm16k, int offset, int length) {
    requireOpen();
    Objects.checkFromIndexSize(offset, length, pcm16k.length);
    if (length == 0) {
      return lastPartial;
    }
    int byteCount = 2 * length;
    if (bytes.length < byteCount) {
      bytes = new byte[byteCount];
    }
    // Vosk wants 16-bit little-endian PCM.
    for (int i = 0; i < length; i++) {
      short s = pcm16k[offset + i];
      bytes[2 * i] = (byte) s;
      bytes[2 * i + 1] = (byte) (s >> 8);
    }
    inUtterance = true;
    if (recognizer.acceptWaveForm(bytes, byteCount)) {
      return endUtterance(recognizer.getResult());
    }
    String json = recognizer.getPartialResult();
    // Partials repeat for many frames in a row; reuse the transcript rather than re-parse.
    if (!json.equals(lastPartialJson)) {
      lastPartialJson = json;
      lastPartial = new Transcript(Json.parse(json).get("partial").string().orElse(""), false);
    }
    return lastPartial;
  }

  @Override
  public Transcript finish() {
    requireOpen();
    return endUtterance(recognizer.getFinalResult());
  }

  private Transcript endUtterance(String json) {
    Transcript result = finalOf(Json.parse(json));
    inUtterance = false;
    lastPartialJson = "";
    lastPartial = Transcript.EMPTY_PARTIAL;
    applyPendingGrammar();
    return result;
  }

  /**
   * A final result: with n-best on, {@code {"alternatives": [{"text": ..., "confidence": ...}, ...]}},
   * most likely first; otherwise {@code {"text": ...}}.
   */
  static Transcript finalOf(Json result) {
    List<Json> readings = result.get("alternatives").items();
    if (readings.isEmpty()) {
      return new Transcript(result.get("text").string().orElse(""), true);
    }
    List<String> texts = readings.stream().map(r -> r.get("text").string().orElse("")).toList();
    return new Transcript(texts.getFirst(), true, texts.subList(1, texts.size()));
  }

  @Override
  public void expect(List<String> phrases) {
    requireOpen();
    pendingPhrases = List.copyOf(phrases);
    if (!inUtterance) {
      applyPendingGrammar();
    }
  }

  private void applyPendingGrammar() {
    if (pendingPhrases == null) {
      return;
    }
    Recognizer next = newRecognizer(pendingPhrases);
    recognizer.close();
    recognizer = next;
    pendingPhrases = null;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("recognition stream is closed");
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      recognizer.close();
    }
  }
}
