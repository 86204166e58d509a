package dev.voicebot.pipeline.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

  @Test
  void alternativesLeaveOutTheBestReadingAndRepeats() {
    var t = new Transcript(" where is my order ", true, List.of("where is my order", "wear is my order", "wear is my order"));
    assertThat(t.text()).isEqualTo("where is my order");
    assertThat(t.alternatives()).containsExactly("wear is my order");
    assertThat(t.readings()).containsExactly("where is my order", "wear is my order");
  }

  @Test
  void finalsJoinedInPartsReadEachPartOtherwiseInTurn() {
    var first = new Transcript("are you open", true, List.of("are you out"));
    var second = new Transcript("on candidate", true, List.of("on saturday", "on cantina"));
    var joined = first.then(second);
    assertThat(joined.text()).isEqualTo("are you open on candidate");
    assertThat(joined.isFinal()).isTrue();
    assertThat(joined.alternatives())
        .containsExactly("are you out on candidate", "are you open on saturday", "are you open on cantina");
  }

  @Test
  void anEmptyPartAddsNothing() {
    var words = new Transcript("goodbye", true, List.of("good buy"));
    assertThat(Transcript.EMPTY_FINAL.then(words)).isEqualTo(words);
    assertThat(words.then(Transcript.EMPTY_FINAL)).isEqualTo(words);
  }

  @Test
  void aPartReadBestAsNothingKeepsItsOtherReadings() {
    // Vosk on a short "no": nothing first, "no" a close second; the audio after it is silence.
    var no = new Transcript("", true, List.of("no", "oh"));
    var joined = Transcript.EMPTY_FINAL.then(no).then(Transcript.EMPTY_FINAL);
    assertThat(joined.text()).isEmpty();
    assertThat(joined.alternatives()).containsExactly("no", "oh");
    assertThat(new Transcript("my number is", true).then(no).alternatives())
        .containsExactly("my number is no", "my number is oh");
  }

  @Test
  void joinedReadingsAreBounded() {
    var many = List.of("a", "b", "c", "d", "e", "f", "g");
    var joined = new Transcript("x", true, many).then(new Transcript("y", true, many));
    assertThat(joined.alternatives()).hasSize(Transcript.MAX_ALTERNATIVES).startsWith("a y");
  }
}
