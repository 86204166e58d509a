package dev.voicebot.pipeline.tools;

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

  /** As the LLM brain has them: results go back before the effect runs. */
  private final CallTools tools = new CallTools(targets(), List.of(LOOKUP), CallTools.Reported.BEFORE_IT_RUNS);

  /** As a realtime session has them: no webhooks, and results go back once the effect ran. */
  private final CallTools realtime = new CallTools(targets(), List.of(), CallTools.Reported.AFTER_IT_RAN);

  private static Map<String, String> targets() {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("sales", "sip:sales@pbx.example");
    targets.put("support", "sip:support@pbx.example");
    return targets;
  }

  private ToolDecision decide(String name, String arguments) {
    return tools.decide(name, arguments);
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
    CallTools none = new CallTools(Map.of(), List.of(), CallTools.Reported.BEFORE_IT_RUNS);
    assertThat(none.specs()).extracting(ToolSpec::name).containsExactly("end_call", "send_dtmf");
    assertThat(none.decide("transfer_call", "{\"target\":\"sales\"}"))
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

  @Test
  void anAllowlistedNameTransfersToTheDialplansUriWhateverItsCaseAndSaysSoOnceDone() {
    assertThat(realtime.decide("transfer_call", "{\"target\":\" Support \"}"))
        .isEqualTo(new ToolDecision.Act(new CallEffect.Transfer("support", "sip:support@pbx.example"),
            "The caller is being transferred to support."));
  }

  @Test
  void aNumberOrUriTheCallerDictatedIsRefusedWithTheRealTargets() {
    ToolDecision decision = realtime.decide("transfer_call", "{\"target\":\"sip:+15551234567@evil.example\"}");
    assertThat(decision).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(((ToolDecision.Refuse) decision).result()).contains("not a transfer target").contains("sales, support");
  }

  @Test
  void withoutTargetsNoTransferToolIsOfferedInTheRealtimeFormatAndACallIsRefused() {
    CallTools none = new CallTools(Map.of(), List.of(), CallTools.Reported.AFTER_IT_RAN);
    assertThat(none.specs()).extracting(s -> s.realtimeJson().get("name").string().orElse(""))
        .containsExactly("end_call", "send_dtmf");
    assertThat(none.decide("transfer_call", "{\"target\":\"sales\"}")).isInstanceOf(ToolDecision.Refuse.class);
  }

  @Test
  void dtmfDigitsAreCheckedAndSpacesAndDashesDroppedAndSaidSentOnceDone() {
    assertThat(realtime.decide("send_dtmf", "{\"digits\":\"1-2 3#\"}"))
        .isEqualTo(new ToolDecision.Act(new CallEffect.SendDtmf("123#"), "The digits 123# were sent."));
    assertThat(realtime.decide("send_dtmf", "{\"digits\":\"12a\"}")).isInstanceOf(ToolDecision.Refuse.class);
  }

  @Test
  void badArgumentsAndUnknownToolsAreRefusedNotThrown() {
    assertThat(realtime.decide("transfer_call", "{not json")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(realtime.decide("transfer_call", "[1]")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(realtime.decide("format_disk", "{}")).isInstanceOf(ToolDecision.Refuse.class);
    assertThat(realtime.decide("end_call", "")).isInstanceOf(ToolDecision.Act.class);
  }
}
