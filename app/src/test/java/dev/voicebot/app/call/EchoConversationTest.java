package dev.voicebot.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.conversation.CallActions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoConversationTest {

  /** What the echo asked the call to play. */
  private static final class Played implements CallActions {
    final List<short[]> chunks = new ArrayList<>();

    @Override
    public void play(short[] pcm16k) {
      chunks.add(pcm16k);
    }

    @Override
    public void clearPlayout() {}

    @Override
    public void hangup() {}
  }

  @Test
  void theCallersFramesGoBackInOrderIn200MsChunksWhileTheCallerReusesItsFrame() {
    var played = new Played();
    var echo = new EchoConversation(played);
    echo.start();
    short[] frame = new short[320];
    for (int i = 0; i < 25; i++) {
      java.util.Arrays.fill(frame, (short) i);
      echo.onAudioFrame(frame);
    }

    assertThat(played.chunks).hasSize(2);
    assertThat(played.chunks.get(0)).hasSize(3200);
    assertThat(played.chunks.get(0)[0]).isEqualTo((short) 0);
    assertThat(played.chunks.get(0)[3199]).isEqualTo((short) 9);
    assertThat(played.chunks.get(1)[0]).isEqualTo((short) 10);
    assertThat(played.chunks.get(1)[3199]).isEqualTo((short) 19);
  }

  @Test
  void nothingIsEchoedBeforeTheAnswerOrAfterTheHangup() {
    var played = new Played();
    var echo = new EchoConversation(played);
    for (int i = 0; i < 10; i++) {
      echo.onAudioFrame(new short[320]);
    }
    echo.start();
    echo.onRemoteHangup();
    for (int i = 0; i < 10; i++) {
      echo.onAudioFrame(new short[320]);
    }

    assertThat(played.chunks).isEmpty();
    assertThat(echo.finished()).isCompleted();
  }
}
