package dev.voicebot.pipeline.brain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YesNoTest {

  @Test
  void everyWordTheRecognizerListensForAtAYesNoQuestionIsAnAnswer() {
    assertThat(YesNo.LISTENED_FOR).allSatisfy(word -> assertThat(YesNo.of(word)).isPresent());
    assertThat(SlotAnswers.YES_NO_PHRASES).containsAll(YesNo.LISTENED_FOR);
  }

  @Test
  void aDoubtIsANoAndNeitherWordIsNothing() {
    assertThat(YesNo.of("yes that's right")).contains(YesNo.YES);
    assertThat(YesNo.of("that's not right")).contains(YesNo.NO);
    assertThat(YesNo.of("yes no wait")).contains(YesNo.NO);
    assertThat(YesNo.of("sorry what was that")).isEmpty();
  }

  @Test
  void aYesIsDoubtedOnlyByANoAmongTheNextTwoReadings() {
    assertThat(YesNo.of("correct", java.util.List.of("not correct"))).isEmpty();
    assertThat(YesNo.of("right", java.util.List.of("yeah", "no"))).isEmpty();
    assertThat(YesNo.of("right", java.util.List.of("yeah", "right", "no"))).contains(YesNo.YES);
    assertThat(YesNo.of("no", java.util.List.of("yes"))).contains(YesNo.NO);
  }
}
