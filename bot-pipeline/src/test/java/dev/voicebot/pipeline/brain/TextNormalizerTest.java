package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void lowerCasesExpandsContractionsAndDropsPunctuationAndMarkers() {
    assertThat(TextNormalizer.tokens("Where's my ORDER?! [unk]")).containsExactly("where", "is", "my", "order");
    assertThat(TextNormalizer.tokens("I don’t know")).containsExactly("i", "do", "not", "know");
  }

  @Test
  void numberWordsBecomeDigits() {
    assertThat(TextNormalizer.tokens("one two Three")).containsExactly("1", "2", "3");
  }

  @Test
  void contentTokensLeaveOutStopWordsAndFillers() {
    assertThat(TextNormalizer.contentTokens("um yes I want to talk to the manager please"))
        .containsExactly("talk", "manager");
  }

  @Test
  void stemsMakeInflectionsEqual() {
    assertThat(TextNormalizer.stem("opened")).isEqualTo(TextNormalizer.stem("open"));
    assertThat(TextNormalizer.stem("opening")).isEqualTo(TextNormalizer.stem("open"));
    assertThat(TextNormalizer.stem("hours")).isEqualTo(TextNormalizer.stem("hour"));
  }
}
