package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.Baresip;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.harness.WavFile;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.rtp.resample.Resampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** baresip, a real softphone, calls the bot; what it recorded of the call is transcribed. */
@Timeout(120)
class BaresipCallTest {

  private static final int SIP_PORT = 25260;

  @TempDir static Path work;
  static RunningBot bot;

  @BeforeAll
  static void startBot() throws Exception {
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, 26400, Map.of(), Map.of());
  }

  @AfterAll
  static void stopBot() {
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void baresipHearsTheGreetingAndTheAnswerToItsQuestion() throws Exception {
    Path home = work.resolve("baresip");
    short[] question = new CallerVoice(home).speak8k("What are your opening hours?");
    // baresip hangs up when its microphone file ends: pad it well past the call.
    Path microphone = home.resolve("microphone.wav");
    WavFile.write(CallerVoice.pad(question, 5.0, 60.0), 8000, microphone);

    var heard = new Baresip(home).call("sip:100@127.0.0.1:" + SIP_PORT, microphone, SIP_PORT + 4, "PCMU",
        Duration.ofSeconds(16));

    assertThat(heard).as("baresip recorded nothing; its log:\n%s", new Baresip(home).log()).isPresent();
    String text = new Transcriber(bot.bean(SpeechRecognizer.class)).transcribe8k(to8k(heard.get()));
    assertThat(text).contains("thank you for calling").contains("how can i help");
    assertThat(text).contains("nine").contains("five");
  }

  private static short[] to8k(WavFile wav) {
    if (wav.sampleRate() == 8000) {
      return wav.mono();
    }
    if (wav.sampleRate() != 16000) {
      throw new IllegalArgumentException("unexpected recording rate " + wav.sampleRate());
    }
    short[] out = new short[wav.mono().length / 2 + 64];
    int n = Resampler.downsample16kTo8k().process(wav.mono(), 0, wav.mono().length, out, 0);
    return java.util.Arrays.copyOf(out, n);
  }
}
