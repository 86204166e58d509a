package dev.voicebot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceChunkerTest {

  @Test
  void aSentenceIsReleasedOnlyOnceTheNextWordHasStarted() {
    SentenceChunker chunker = new SentenceChunker();
    assertThat(chunker.push("Sure, I can check that")).isEmpty();
    assertThat(chunker.push(" for you.")).isEmpty(); // could still be "for you.99"
    assertThat(chunker.push(" ")).isEmpty();
    assertThat(chunker.push("It")).containsExactly("Sure, I can check that for you.");
    assertThat(chunker.push(" costs")).isEmpty();
    assertThat(chunker.finish()).containsExactly("It costs");
  }

  @Test
  void aPriceSplitAcrossTokensIsNotCut() {
    SentenceChunker chunker = new SentenceChunker();
    List<String> out = new ArrayList<>();
    for (String token : List.of("The plan costs $29", ".", "99 a month", ". Would you like it?")) {
      out.addAll(chunker.push(token));
    }
    out.addAll(chunker.finish());
    assertThat(out).containsExactly("The plan costs $29.99 a month.", "Would you like it?");
  }

  @Test
  void shortPiecesJoinTheNext() {
    assertThat(SentenceChunker.split("Okay. Sure. Your order ships today. Bye."))
        .containsExactly("Okay. Sure. Your order ships today.", "Bye.");
  }

  @Test
  void aLongSentenceIsCutAtItsLastClauseBreak() {
    String text = "We have many options for you today, including the basic plan, the family plan, the business plan"
        + " and the premium plan with extras, and you can switch at any time";
    List<String> out = SentenceChunker.split(text);
    assertThat(out).hasSizeGreaterThan(1);
    assertThat(String.join(" ", out)).isEqualTo(text);
    assertThat(out.getFirst()).endsWith(",");
  }

  @Test
  void discardDropsTheUnfinishedFragment() {
    SentenceChunker c = new SentenceChunker();
    c.push("Your order will arr");
    c.discard();
    assertThat(c.finish()).isEmpty();
  }
}
