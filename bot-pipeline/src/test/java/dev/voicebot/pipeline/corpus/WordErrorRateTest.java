package dev.voicebot.pipeline.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordErrorRateTest {

  @Test
  void aPerfectTranscriptHasNoErrors() {
    assertThat(WordErrorRate.of("what time do you close", "What time do you close?").rate()).isZero();
  }

  @Test
  void substitutionsDeletionsAndInsertionsEachCountOne() {
    assertThat(WordErrorRate.of("what time do you close", "what time you clothes")).isEqualTo(new WordErrorRate(2, 5));
    assertThat(WordErrorRate.of("can i talk to someone", "uh can i talk to someone now")).isEqualTo(new WordErrorRate(2, 5));
  }

  @Test
  void digitsAndContractionsAreNormalised() {
    assertThat(WordErrorRate.of("four eight two one three", "48213").rate()).isZero();
    assertThat(WordErrorRate.of("that's all", "thats all").rate()).isZero();
  }

  @Test
  void anEmptyHypothesisDeletesEveryWordAndAnEmptyReferenceCountsInsertions() {
    assertThat(WordErrorRate.of("where is my order", "")).isEqualTo(new WordErrorRate(4, 4));
    assertThat(WordErrorRate.of("", "hello").rate()).isEqualTo(1.0);
    assertThat(WordErrorRate.of("", "").rate()).isZero();
  }

  @Test
  void ratesAddUpByWords() {
    var total = WordErrorRate.of("a b c d", "a b c d").plus(WordErrorRate.of("e f", "e"));
    assertThat(total).isEqualTo(new WordErrorRate(1, 6));
    assertThat(total.rate()).isCloseTo(1 / 6.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
