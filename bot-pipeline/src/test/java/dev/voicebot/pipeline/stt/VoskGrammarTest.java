package dev.voicebot.pipeline.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoskGrammarTest {

  @Test
  void grammarIsAQuotedLowerCaseArrayEndingInUnk() {
    assertThat(VoskGrammar.toJson(List.of(" Yes ", "no  thanks", "say \"hi\"", "yes")))
        .isEqualTo("[\"yes\", \"no thanks\", \"say \\\"hi\\\"\", \"[unk]\"]");
  }

  @Test
  void noPhrasesMeansFreeSpeech() {
    assertThat(VoskGrammar.toJson(List.of())).isNull();
    assertThat(VoskGrammar.toJson(List.of(" ", ""))).isNull();
  }
}
