package dev.voicebot.pipeline.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.dialplan.WebhookTool;
import dev.voicebot.pipeline.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallToolsTest {

  private static final WebhookTool LOOKUP = new WebhookTool("lookup", "Looks things up.",
      Json.object("type", "object"), URI.create("http://127.0.0.1:9/hooks/lookup"), "POST", Duration.ofSeconds(1));

  private final CallTools tools = new CallTools(targets(), List.of(LOOKUP));

  private static Map<String, String> targets() {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("sales", "sip:sales@pbx.example");
    targets.put("support", "sip:support@pbx.example");
    return targets;
  }

  private ToolDecision decide(String name, String arguments) {
    return tools.decide(new ToolCall("call_1", name, arguments));
  }

  @Test
  void anAllowlistedNameTransfersToTheDialplansUri() {
    assertThat(decide("transfer_call", "{\"target\":\" Sales \"}")).isInstanceOfSatisfying(ToolDecision.Act.class,
        act -> assertThat(act.effect()).isEqualTo(new CallEffect.Transfer("sales", "sip:sales@pbx.example")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+19005550199", "sip:attacker@evil.example", "tel:+19005550199", "19005550199",
      "sales@evil.example", "sales;transport=tcp", "", "sip:sales@pbx.example"})
  void anythingButAnAllowlistedNameIsRefused(String target) {
    ToolDecision decision = decide("transfer_call", Json.object("target", target).toJson());
    assertThat(decision).isInstanceOfSatisfying(ToolDecision.Refuse.class, refuse -> assertThat(refuse.result())
        .contains("not transferred", "sales, support").doesNotContain("support@pbx.example"));
  }

  @Test
  void withoutAnAllowlistThereIsNoTransferToolAndCallsOfItAreRefused() {
    CallTools none = new CallTools(Map.of(), List.of());
    assertThat(none.specs()).extracting(ToolSpec::name).containsExactly("end_call", "send_dtmf");
    assertThat(none.decide(new ToolCall("c", "transfer_call", "{\"target\":\"sales\"}")))
        .isInstanceOf(ToolDecision.Refuse.class);
  }

  @Test
  void theModelIsOfferedOnlyTheAllowlistedNamesNeverTheUris() {
    ToolSpec transfer = tools.specs().getFirst();
    assertThat(transfer.name()).isEqualTo("transfer_call");
    assertThat(transfer.parameters().get("properties").get("target").get("enum").items())
        .containsExactly(new Json.Str("sales"), new Json.Str("support"));
    assertThat(tools.specs().toString()).doesNotContain("pbx.example");
    assertThat(tools.specs()).extracting(ToolSpec::name).containsExactly("transfer_call", "end_call", "send_dtmf", "lookup");
  }

  @Test
  void dtmfDigitsAreLimitedToTheKeypad() {
    assertThat(decide("send_dtmf", "{\"digits\":\"12 34-*#\"}")).isInstanceOfSatisfying(ToolDecision.Act.class,
        act -> assertThat(act.effect()).isEqualTo(new CallEffect.SendDtmf("1234*#")));
    assertThat(decide("send_dtmf", "{\"digits\":\"12a\"}")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(decide("send_dtmf", "{}")).isInstanceOf(ToolDecision.Refuse.class);
  }

  @Test
  void endCallWorksWithOrWithoutAReason() {
    assertThat(decide("end_call", "{}")).isInstanceOfSatisfying(ToolDecision.Act.class,
        act -> assertThat(act.effect()).isEqualTo(new CallEffect.EndCall("")));
  }

  @Test
  void webhookCallsCarryTheArgumentsObject() {
    assertThat(decide("lookup", "{\"q\": 1}")).isEqualTo(new ToolDecision.CallWebhook(LOOKUP, "{\"q\":1}"));
  }

  @Test
  void malformedArgumentsAndUnknownToolsAreRefused() {
    assertThat(decide("lookup", "{\"q\":")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(decide("lookup", "[1]")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(decide("rm_rf", "{}")).isInstanceOfSatisfying(ToolDecision.Refuse.class,
        refuse -> assertThat(refuse.result()).contains("no tool named rm_rf"));
  }
}
