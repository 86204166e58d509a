package dev.voicebot.pipeline.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsVosksPartialAndFinalObjects() {
    assertThat(Json.parse("{\n  \"partial\" : \"what are\"\n}").get("partial").string()).contains("what are");
    assertThat(Json.parse("{\n  \"text\" : \"\"\n}").get("text").string()).contains("");
  }

  @Test
  void navigatesNestedArraysAndObjects() {
    Json json = Json.parse(
        "{\"result\" : [{\"conf\" : 1.0, \"end\" : 0.5, \"word\" : \"text\"}], \"spk\" : [1, -2e3, true, null],"
            + " \"text\" : \"one two\"}");
    assertThat(json.get("text").string()).contains("one two");
    assertThat(json.get("result").at(0).get("word").string()).contains("text");
    assertThat(json.get("spk").items()).containsExactly(
        new Json.Num("1"), new Json.Num("-2e3"), new Json.Bool(true), Json.Null.NULL);
  }

  @Test
  void missingMembersAndWrongShapesReadAsNull() {
    Json json = Json.parse("{\"a\":[1]}");
    assertThat(json.get("b").isNull()).isTrue();
    assertThat(json.get("a").get("x").isNull()).isTrue();
    assertThat(json.get("a").at(5).isNull()).isTrue();
    assertThat(json.get("a").string()).isEmpty();
  }

  @Test
  void decodesEscapes() {
    assertThat(Json.parse("{\"text\":\"a\\\"b\\\\c\\u00e9\\n\"}").get("text").string()).contains("a\"b\\cé\n");
  }

  @Test
  void malformedJsonIsRejectedWithTheText() {
    assertThatThrownBy(() -> Json.parse("{\"text\" \"x\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{\"text\" \"x\"}");
    assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[01]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostileNestingIsRejectedInsteadOfOverflowingTheStack() {
    assertThatThrownBy(() -> Json.parse("[".repeat(10_000))).hasMessageContaining("nested too deeply");
  }

  @Test
  void writesCompactJsonThatParsesBackEqual() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("s", "quote \" backslash \\ newline \n tab \t bell \u0007");
    map.put("n", 42);
    map.put("d", 0.5);
    map.put("b", false);
    map.put("z", null);
    map.put("list", List.of(1, "two", Map.of("three", 3)));
    Json json = Json.from(map);
    String text = json.toJson();
    assertThat(text).startsWith("{\"s\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007\",\"n\":42");
    assertThat(Json.parse(text)).isEqualTo(json);
  }

  @Test
  void objectBuilderKeepsMemberOrder() {
    assertThat(Json.object("b", 1, "a", "x").toJson()).isEqualTo("{\"b\":1,\"a\":\"x\"}");
  }
}
