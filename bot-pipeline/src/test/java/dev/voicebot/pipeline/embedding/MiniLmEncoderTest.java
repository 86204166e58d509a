package dev.voicebot.pipeline.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.voicebot.pipeline.models.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MiniLmEncoderTest {

  private static MiniLmEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = new MiniLmEncoder(TestModels.sentenceEncoderDir());
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void vectorsHaveUnitLength() {
    float[] vector = encoder.embed("what are your opening hours");
    assertThat(vector).hasSize(384);
    assertThat(SentenceEncoder.cosine(vector, vector)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void aParaphraseIsCloserThanAnUnrelatedSentence() {
    float[] hours = encoder.embed("what time do you close");
    assertThat(SentenceEncoder.cosine(hours, encoder.embed("what time do you shut")))
        .isGreaterThan(0.7)
        .isGreaterThan(SentenceEncoder.cosine(hours, encoder.embed("my cat is sick")) + 0.4);
  }

  @Test
  void aSentenceTakesAFewMilliseconds() {
    String sentence = "i'd like to speak with somebody about my order please";
    for (int i = 0; i < 20; i++) {
      encoder.embed(sentence);
    }
    int runs = 100;
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      encoder.embed(sentence + " " + i);
    }
    double millis = (System.nanoTime() - start) / 1e6 / runs;
    System.out.printf("MiniLM: %.2f ms per 11-word sentence%n", millis);
    assertThat(millis).isLessThan(50); // generous: a shared 2-core machine; measured ~5 ms
  }

  @Test
  void aCachedSentenceIsNotRunAgain() {
    var cache = new CachingEncoder(encoder, 2);
    float[] first = cache.embed("where is my order");
    assertThat(cache.embed("where is my order")).isSameAs(first);
    cache.embed("b");
    cache.embed("c");
    assertThat(cache.embed("where is my order")).isNotSameAs(first).containsExactly(first);
  }

  @Test
  void aModelThatIsNotThePinnedOneIsRefused(@TempDir Path dir) throws IOException {
    Files.copy(TestModels.sentenceEncoderDir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    Files.writeString(dir.resolve("model.onnx"), "not a model");
    assertThatThrownBy(() -> new MiniLmEncoder(dir)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHA-256");
  }
}
