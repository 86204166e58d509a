package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigitParserTest {

  @ParameterizedTest(name = "\"{0}\" holds \"{1}\"")
  @CsvSource(
      value = {
        "one two three four five | 12345",
        "12345 | 12345",
        "it's one two three | 123",
        "one two three... four five | 12345",
        "one oh oh | 100",
        "oh one | 01",
        "zero nine | 09",
        "double five seven | 557",
        "one two three for five | 12345",
        "my number is 4 2 | 42",
        "oh I'm calling for my order | ''",
        "I don't have it | ''",
        "[unk] | ''",
      },
      delimiter = '|')
  void readsSpokenAndWrittenDigits(String said, String digits) {
    assertThat(DigitParser.digits(said)).isEqualTo(digits);
  }
}
