package dev.voicebot.pipeline.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemeTextTest {

  @Test
  void quotesAndBackslashesAreEscapedSoTheLiteralEndsWhereWeEndIt() {
    assertThat(SchemeText.literal("say \"hi\" \\ (quit)")).isEqualTo("\"say \\\"hi\\\" \\\\ (quit)\"");
  }

  @Test
  void aTrailingBackslashCannotEscapeTheClosingQuote() {
    assertThat(SchemeText.literal("oops\\")).isEqualTo("\"oops\\\\\"");
  }

  @Test
  void controlCharactersAndNewlinesBecomeSingleSpaces() {
    assertThat(SchemeText.speakable("one\ntwo\r\n\tthree\u0000four\u007f")).isEqualTo("one two three four");
  }

  @Test
  void typographicPunctuationAndAccentsAreReducedToAscii() {
    assertThat(SchemeText.speakable("It\u2019s \u201Cnaïve\u201D caf\u00e9 \u2014 ok\u2026"))
        .isEqualTo("It's \"naive\" cafe - ok...");
  }

  @Test
  void nonLatinTextBecomesNothingToSay() {
    assertThat(SchemeText.speakable("\u4f60\u597d \ud83d\ude00")).isEmpty();
  }
}
