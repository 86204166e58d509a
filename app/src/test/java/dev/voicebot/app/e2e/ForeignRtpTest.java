package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a SIPp caller asks its question, loud RTP arrives on the call's port from another local
 * port (an injection attempt after latching): it is counted as foreign and never heard.
 */
@Timeout(120)
class ForeignRtpTest {

  private static final int SIP_PORT = 25360;
  private static final int RTP_MIN = 27600;
  private static final int INJECTED = 150;

  @TempDir Path work;

  @Test
  void rtpFromAForeignPortMidCallIsCountedAndIgnored() throws Exception {
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of())) {
      Path dir = Files.createDirectories(work.resolve("call"));
      short[] speech = new CallerVoice(dir).speak8k("What are your opening hours?");
      RtpPcapWriter.writePcmu(CallerVoice.pad(speech, 0.2, 0.6), dir.resolve("caller.pcap"));
      var sipp = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), SIP_PORT);

      // A fresh bot's first call gets the first port of its range.
      var injection = CompletableFuture.runAsync(() -> inject(bot, new InetSocketAddress(InetAddress.getLoopbackAddress(), RTP_MIN)));
      var result = sipp.call("ask-question", "100", dir, SIP_PORT + 10, SIP_PORT + 12, Duration.ofSeconds(60));
      injection.join();

      assertThat(result.passed()).as(result.output()).isTrue();
      CallRecord record = awaitRecord(bot);
      assertThat(record.media().packetsForeign()).as("every injected packet was counted")
          .isGreaterThanOrEqualTo(INJECTED);
      assertThat(record.transcript()).as("transcript: %s", record.transcript())
          .anySatisfy(line -> {
            assertThat(line.speaker()).isEqualTo("CALLER");
            assertThat(line.text()).isEqualTo("what are your opening hours");
          })
          .anySatisfy(line -> {
            assertThat(line.speaker()).isEqualTo("BOT");
            assertThat(line.text()).contains("nine to five");
          });
    }
  }

  /**
   * Waits until the call is up and the caller's own RTP has begun (SIPp plays its question 5 s
   * after the ACK, and the bot latches onto the first source it hears), then sends loud noise as
   * valid PCMU RTP from another port, 20 ms apart, over the rest of the question.
   */
  private static void inject(RunningBot bot, InetSocketAddress target) {
    try (var socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (bot.bean(BotCallHandler.class).activeCalls() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(5600);
      var random = new Random(7);
      byte[] packet = new byte[12 + 160];
      for (int i = 0; i < INJECTED; i++) {
        packet[0] = (byte) 0x80;
        packet[2] = (byte) (i >> 8);
        packet[3] = (byte) i;
        packet[7] = (byte) (i * 160);
        packet[6] = (byte) (i * 160 >> 8);
        packet[8] = 0x66;
        for (int k = 12; k < packet.length; k++) {
          packet[k] = (byte) (random.nextBoolean() ? 0x00 : 0x80); // mu-law near full scale
        }
        socket.send(new DatagramPacket(packet, packet.length, target));
        Thread.sleep(20);
      }
    } catch (Exception e) {
      throw new IllegalStateException("injection failed", e);
    }
  }

  private static CallRecord awaitRecord(RunningBot bot) throws InterruptedException {
    var store = bot.bean(CallRecordStore.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while ((store.list().isEmpty() || store.list().getFirst().endedAt() == null) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return store.list().getFirst();
  }
}
