package dev.voicebot.pipeline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  private final SentenceSplitter splitter = new SentenceSplitter();

  @Test
  void splitsAtSentenceEnds() {
    assertThat(splitter.split("Hello, this is the shop. How can I help?"))
        .containsExactly("Hello, this is the shop.", "How can I help?");
  }

  @Test
  void keepsPricesAndDigitListsWhole() {
    assertThat(splitter.split("It costs $29.99 today. Your code is 1, 2, 3, 4, 5."))
        .containsExactly("It costs $29.99 today.", "Your code is 1, 2, 3, 4, 5.");
  }

  @Test
  void joinsShortPiecesToTheNext() {
    assertThat(splitter.split("Thanks. Order 1, 2, 3 is on its way.")).containsExactly("Thanks. Order 1, 2, 3 is on its way.");
  }

  @Test
  void nothingToSayIsNoSentences() {
    assertThat(splitter.split("  ")).isEmpty();
  }
}
