package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.realtime.RealtimeTools.Decision;
import dev.voicebot.pipeline.realtime.RealtimeTools.Effect;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealtimeToolsTest {

  private final RealtimeTools tools = new RealtimeTools(targets());

  private static Map<String, String> targets() {
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("sales", "sip:sales@pbx.example");
    targets.put("support", "sip:support@pbx.example");
    return targets;
  }

  @Test
  void anAllowlistedNameTransfersToTheDialplansUriWhateverItsCase() {
    assertThat(tools.decide("transfer_call", "{\"target\":\" Support \"}"))
        .isEqualTo(new Decision.Act(new Effect.Transfer("support", "sip:support@pbx.example"),
            "The caller is being transferred to support."));
  }

  @Test
  void aNumberOrUriTheCallerDictatedIsRefusedWithTheRealTargets() {
    Decision decision = tools.decide("transfer_call", "{\"target\":\"sip:+15551234567@evil.example\"}");
    assertThat(decision).isInstanceOf(Decision.Refuse.class);
    assertThat(((Decision.Refuse) decision).output()).contains("not a transfer target").contains("sales, support");
  }

  @Test
  void withoutTargetsNoTransferToolIsOfferedAndACallIsRefused() {
    RealtimeTools none = new RealtimeTools(Map.of());
    assertThat(none.specs()).extracting(s -> s.get("name").string().orElse("")).containsExactly("end_call", "send_dtmf");
    assertThat(none.decide("transfer_call", "{\"target\":\"sales\"}")).isInstanceOf(Decision.Refuse.class);
  }

  @Test
  void dtmfDigitsAreCheckedAndSpacesAndDashesDropped() {
    assertThat(tools.decide("send_dtmf", "{\"digits\":\"1-2 3#\"}"))
        .isEqualTo(new Decision.Act(new Effect.SendDtmf("123#"), "The digits 123# were sent."));
    assertThat(tools.decide("send_dtmf", "{\"digits\":\"12a\"}")).isInstanceOf(Decision.Refuse.class);
  }

  @Test
  void badArgumentsAndUnknownToolsAreRefusedNotThrown() {
    assertThat(tools.decide("transfer_call", "{not json")).isInstanceOf(Decision.Refuse.class);
    assertThat(tools.decide("transfer_call", "[1]")).isInstanceOf(Decision.Refuse.class);
    assertThat(tools.decide("format_disk", "{}")).isInstanceOf(Decision.Refuse.class);
    assertThat(tools.decide("end_call", "")).isInstanceOf(Decision.Act.class);
  }
}
