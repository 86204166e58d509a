package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.harness.Baresip;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.app.harness.WavFile;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.rtp.resample.Resampler;
import dev.voicebot.sip.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * baresip calls the bot with SRTP (SDES keys in its SDP) and hears the greeting: once over TLS
 * with RTP/SAVP (srtp-mand), once over UDP with best-effort SRTP (RTP/AVP plus a=crypto). baresip
 * says SRTP is enabled only when our answer carried a key it accepted, and then decrypts what it
 * plays with that key, so a transcribed greeting proves both the answer and the encryption.
 */
@Timeout(180)
class BaresipSrtpTest {

  private static final int SIP_PORT = 25360;
  private static final int TLS_PORT = SIP_PORT + 3; // +1 is Festival's, +4 baresip's

  @TempDir static Path work;
  static RunningBot bot;
  static TestCertificates certificate;

  @BeforeAll
  static void startBot() throws Exception {
    certificate = TestCertificates.create(work.resolve("tls"));
    bot = RunningBot.start(work.resolve("bot"), SIP_PORT, 26600, Map.of(), Map.of(
        "voicebot.sip.tls.enabled", true,
        "voicebot.sip.tls.port", TLS_PORT,
        "voicebot.sip.tls.key-store", certificate.keyStore().toString(),
        "voicebot.sip.tls.key-store-password", certificate.password()));
  }

  @AfterAll
  static void stopBot() {
    if (bot != null) {
      bot.close();
    }
  }

  @Test
  void baresipOverTlsWithMandatorySrtpHearsTheGreeting() throws Exception {
    Path home = work.resolve("baresip-tls");
    var options = Baresip.Options.NONE.withMediaEncryption("srtp-mand").overTls(certificate.certificatePem());

    String heard = callAndTranscribe(home, "sip:100@127.0.0.1:" + TLS_PORT, options);

    assertThat(heard).contains("thank you for calling").contains("how can i help");
  }

  @Test
  void baresipWithBestEffortSrtpOverUdpHearsTheGreeting() throws Exception {
    Path home = work.resolve("baresip-udp");
    var options = Baresip.Options.NONE.withMediaEncryption("srtp");

    String heard = callAndTranscribe(home, "sip:100@127.0.0.1:" + SIP_PORT, options);

    assertThat(heard).contains("thank you for calling").contains("how can i help");
  }

  private static String callAndTranscribe(Path home, String target, Baresip.Options options) throws Exception {
    short[] silence = new short[8000];
    Path microphone = home.resolve("microphone.wav");
    java.nio.file.Files.createDirectories(home);
    // A silent caller: the greeting alone is the proof. Padded past the call, or baresip hangs up.
    WavFile.write(CallerVoice.pad(silence, 0.0, 60.0), 8000, microphone);
    var baresip = new Baresip(home);
    var recording = baresip.call(target, microphone, SIP_PORT + 4, "PCMU", Duration.ofSeconds(10), options);
    assertThat(recording).as("baresip recorded nothing; its log:\n%s", baresip.log()).isPresent();
    String text = new Transcriber(bot.bean(SpeechRecognizer.class)).transcribe8k(to8k(recording.get()));
    assertThat(text).as("transcript; baresip log:\n%s", baresip.log()).isNotBlank();
    // baresip turns SRTP on only when our answer carried a key it accepted.
    assertThat(baresip.log()).contains("SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)");
    return text;
  }

  private static short[] to8k(WavFile wav) {
    if (wav.sampleRate() == 8000) {
      return wav.mono();
    }
    short[] out = new short[wav.mono().length / 2 + 64];
    int n = Resampler.downsample16kTo8k().process(wav.mono(), 0, wav.mono().length, out, 0);
    return Arrays.copyOf(out, n);
  }
}
