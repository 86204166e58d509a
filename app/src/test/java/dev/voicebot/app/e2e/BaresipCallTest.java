package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.Baresip;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.CapturedRtp;
import dev.voicebot.app.harness.ManagedProcess;
import dev.voicebot.app.harness.PacketCapture;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.harness.WavFile;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * baresip, a real softphone, calls the bot with each codec it can offer; what it recorded of the
 * call is transcribed, and the bot's call record shows it understood the question.
 */
@Timeout(120)
class BaresipCallTest {

  private static final int SIP_PORT = 25260;
  private static final int RTP_MIN = 26400;

  @TempDir static Path work;
  static RunningBot bot;

  @BeforeAll
  static void startBot() throws Exception {
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of());
  }

  @AfterAll
  static void stopBot() {
    if (bot != null) {
      bot.close();
    }
  }

  /**
   * @param payloadType the RTP payload type the bot must send: static for G.711 and G.722, for
   *     Opus the dynamic one baresip offered (checked only to be dynamic)
   * @param microphoneRate the caller's capture rate: the codec's own, so baresip does not resample
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"PCMU, 0, 8000", "PCMA, 8, 8000", "G722/16000/1, 9, 16000", "opus/48000/2, 96, 16000"})
  void baresipHearsTheGreetingAndTheBotAnswersItsQuestion(String codec, int payloadType, int microphoneRate)
      throws Exception {
    Path home = work.resolve("baresip-" + codec.replace('/', '-'));
    short[] question = new CallerVoice(home).speak("What are your opening hours?", microphoneRate);
    // baresip hangs up when its microphone file ends: pad it well past the call.
    Path microphone = home.resolve("microphone.wav");
    WavFile.write(CallerVoice.pad(question, microphoneRate, 5.0, 60.0), microphoneRate, microphone);
    int before = bot.bean(CallRecordStore.class).list().size();

    var baresip = new Baresip(home);
    java.util.Optional<WavFile> heard;
    List<CapturedRtp.Packet> packets;
    try (var capture = PacketCapture.start(home, "call", RTP_MIN, RTP_MIN + 199)) {
      heard = baresip.call("sip:100@127.0.0.1:" + SIP_PORT, microphone, SIP_PORT + 4, codec, Duration.ofSeconds(16));
      packets = capture.stop();
    }

    assertThat(heard).as("baresip recorded nothing; its log:\n%s", baresip.log()).isPresent();
    var fromBot = packets.stream().filter(p -> p.srcPort() >= RTP_MIN && p.srcPort() < RTP_MIN + 200).toList();
    assertThat(fromBot).as("the bot sent RTP").isNotEmpty();
    if (payloadType >= 96) {
      assertThat(fromBot).allSatisfy(p -> assertThat(p.payloadType()).isBetween(96, 127));
    } else {
      assertThat(fromBot).allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(payloadType));
    }
    String text = new Transcriber(bot.bean(SpeechRecognizer.class)).transcribe8k(to8k(heard.get(), home));
    assertThat(text).contains("thank you for calling").contains("how can i help");
    CallRecord record = awaitRecord(before);
    assertThat(record.transcript()).as("transcript: %s", record.transcript())
        .anySatisfy(line -> {
          assertThat(line.speaker()).isEqualTo("CALLER");
          assertThat(line.text()).contains("hours");
        })
        .anySatisfy(line -> {
          assertThat(line.speaker()).isEqualTo("BOT");
          assertThat(line.text()).contains("nine to five");
        });
  }

  private static CallRecord awaitRecord(int before) throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((store.list().size() <= before || store.list().getFirst().endedAt() == null)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return store.list().getFirst();
  }

  /** baresip records at the codec's rate (8, 16 or 48 kHz): sox brings it to 8 kHz. */
  private static short[] to8k(WavFile wav, Path dir) throws IOException, InterruptedException {
    if (wav.sampleRate() == 8000) {
      return wav.mono();
    }
    Path in = dir.resolve("heard.wav");
    Path out = dir.resolve("heard-8k.wav");
    WavFile.write(wav.mono(), wav.sampleRate(), in);
    int exit = ManagedProcess.run("sox", List.of("sox", in.toString(), "-r", "8000", out.toString()), dir,
        Duration.ofSeconds(30));
    assertThat(exit).as("sox resampling").isZero();
    return WavFile.read(out).mono();
  }
}
