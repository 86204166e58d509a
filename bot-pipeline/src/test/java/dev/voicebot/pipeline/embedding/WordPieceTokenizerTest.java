package dev.voicebot.pipeline.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.models.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

  private static final Map<String, Integer> VOCABULARY = Map.of(
      "[UNK]", 0, "[CLS]", 1, "[SEP]", 2, "un", 3, "##aff", 4, "##able", 5, "what", 6, "'", 7, "s", 8, "cafe", 9);

  private final WordPieceTokenizer tokenizer = new WordPieceTokenizer(VOCABULARY);

  @Test
  void wordsAreCutIntoTheLongestKnownPiecesBetweenClsAndSep() {
    assertThat(tokenizer.encode("unaffable")).containsExactly(1, 3, 4, 5, 2);
  }

  @Test
  void punctuationIsItsOwnWordAndUnknownWordsBecomeUnk() {
    assertThat(tokenizer.encode("What's  UNAFFABLE, zebra")).containsExactly(1, 6, 7, 8, 3, 4, 5, 0, 0, 2);
  }

  @Test
  void accentsAndControlCharactersAreDropped() {
    assertThat(tokenizer.encode("Café\u0000")).containsExactly(1, 9, 2);
  }

  @Test
  void longInputIsCutToTheModelsLength() {
    assertThat(tokenizer.encode("what ".repeat(500))).hasSize(WordPieceTokenizer.MAX_TOKENS).endsWith(2);
  }

  @Test
  void theBundledVocabularyGivesBertsIds() {
    var bert = WordPieceTokenizer.fromTokenizerJson(TestModels.sentenceEncoderDir().resolve("tokenizer.json"));
    // bert-base-uncased: hello 7592, world 2088, "!" 999
    assertThat(bert.encode("Hello, world!")).containsExactly(101, 7592, 1010, 2088, 999, 102);
  }
}
