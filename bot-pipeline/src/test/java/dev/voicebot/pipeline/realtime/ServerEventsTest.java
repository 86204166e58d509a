package dev.voicebot.pipeline.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerEventsTest {

  @Test
  void anAudioDeltaIsDecodedToSamples() {
    String delta = Pcm16.encode(new short[] {1, -2, 32767, -32768}, 0, 4);
    ServerEvent event = ServerEvents.parse("{\"type\":\"response.audio.delta\",\"response_id\":\"r\",\"item_id\":\"i\","
        + "\"output_index\":0,\"content_index\":0,\"delta\":\"" + delta + "\"}");
    assertThat(event).isInstanceOfSatisfying(ServerEvent.AudioDelta.class,
        d -> assertThat(d.pcm24k()).containsExactly((short) 1, (short) -2, (short) 32767, (short) -32768));
  }

  @Test
  void responseDoneCarriesTheFailureCode() {
    ServerEvent event = ServerEvents.parse("{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"failed\","
        + "\"status_details\":{\"type\":\"failed\",\"error\":{\"type\":\"server_error\",\"code\":\"overloaded\"}}}}");
    assertThat(event).isEqualTo(new ServerEvent.ResponseDone("r1", "failed", "overloaded"));
  }

  @Test
  void anErrorEventKeepsTypeCodeAndMessage() {
    assertThat(ServerEvents.parse("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"code\":\"response_cancel_not_active\",\"message\":\"none\",\"param\":null}}"))
        .isEqualTo(new ServerEvent.Error("invalid_request_error", "response_cancel_not_active", "none"));
  }

  @Test
  void garbageAndUnknownEventsNeitherThrowNorMatter() {
    assertThat(ServerEvents.parse("not json")).isInstanceOf(ServerEvent.Malformed.class);
    assertThat(ServerEvents.parse("{\"type\":\"response.audio.delta\",\"delta\":\"***\"}"))
        .isInstanceOf(ServerEvent.Malformed.class);
    assertThat(ServerEvents.parse("{\"type\":\"rate_limits.updated\",\"rate_limits\":[]}"))
        .isEqualTo(new ServerEvent.Ignored("rate_limits.updated"));
  }
}
