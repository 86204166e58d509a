package dev.voicebot.pipeline.stt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoskJsonTest {

  @Test
  void readsVosksPartialAndFinalObjects() {
    assertThat(VoskJson.stringField("{\n  \"partial\" : \"what are\"\n}", "partial")).isEqualTo("what are");
    assertThat(VoskJson.stringField("{\n  \"text\" : \"\"\n}", "text")).isEmpty();
  }

  @Test
  void skipsOtherFieldsIncludingNestedArraysAndObjects() {
    String json =
        "{\"result\" : [{\"conf\" : 1.0, \"end\" : 0.5, \"word\" : \"text\"}], \"spk\" : [1, -2e3, true, null],"
            + " \"text\" : \"one two\"}";
    assertThat(VoskJson.stringField(json, "text")).isEqualTo("one two");
  }

  @Test
  void decodesEscapes() {
    assertThat(VoskJson.stringField("{\"text\":\"a\\\"b\\\\c\\u00e9\"}", "text")).isEqualTo("a\"b\\cé");
  }

  @Test
  void aMissingFieldReadsAsEmpty() {
    assertThat(VoskJson.stringField("{}", "text")).isEmpty();
    assertThat(VoskJson.stringField("{\"partial\":\"x\"}", "text")).isEmpty();
  }

  @Test
  void malformedJsonIsRejectedWithTheText() {
    assertThatThrownBy(() -> VoskJson.stringField("{\"text\" \"x\"}", "text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{\"text\" \"x\"}");
  }

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
