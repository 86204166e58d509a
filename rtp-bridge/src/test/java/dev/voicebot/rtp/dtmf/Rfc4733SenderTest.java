package dev.voicebot.rtp.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4733SenderTest {

    /** What one tick produced: null for an audio tick. */
    private record Tick(boolean marker, int timestamp, String payloadHex) {
    }

    private static List<Tick> run(Rfc4733Sender sender, int ticks, int firstTimestamp) {
        List<Tick> out = new ArrayList<>();
        byte[] buf = new byte[16];
        for (int i = 0; i < ticks; i++) {
            int ts = firstTimestamp + 160 * i;
            if (sender.tick(ts)) {
                int len = sender.writePayload(buf, 12);
                out.add(new Tick(sender.marker(), sender.eventTimestamp(), HexFormat.of().formatHex(buf, 12, 12 + len)));
            } else {
                out.add(null);
            }
        }
        return out;
    }

    @Test
    void aKeyPressIsMarkedStartGrowingUpdatesAndThreeEndPacketsThenAGap() {
        Rfc4733Sender sender = new Rfc4733Sender(160, Duration.ofMillis(80), 8);
        assertThat(sender.enqueue('5', Duration.ofMillis(100))).isTrue();
        assertThat(sender.enqueue('#', Duration.ofMillis(40))).isTrue();
        List<Tick> ticks = run(sender, 22, 1000);
        assertThat(ticks).containsExactly(
                // '5', 100 ms = 5 ticks: event 5, E=0 volume 10, duration 160..800
                new Tick(true, 1000, "050a00a0"),
                new Tick(false, 1000, "050a0140"),
                new Tick(false, 1000, "050a01e0"),
                new Tick(false, 1000, "050a0280"),
                new Tick(false, 1000, "050a0320"),
                // three end packets, E bit, final duration
                new Tick(false, 1000, "058a0320"),
                new Tick(false, 1000, "058a0320"),
                new Tick(false, 1000, "058a0320"),
                // 80 ms of audio between digits
                null, null, null, null,
                // '#' (11), 40 ms, starting at this tick's audio timestamp
                new Tick(true, 1000 + 12 * 160, "0b0a00a0"),
                new Tick(false, 1000 + 12 * 160, "0b0a0140"),
                new Tick(false, 1000 + 12 * 160, "0b8a0140"),
                new Tick(false, 1000 + 12 * 160, "0b8a0140"),
                new Tick(false, 1000 + 12 * 160, "0b8a0140"),
                null, null, null, null, null);
        assertThat(sender.digitsSent()).isEqualTo(2);
        assertThat(sender.isBusy()).isFalse();
    }

    @Test
    void ourReceiverDecodesWhatWeSendExactlyOncePerDigit() {
        Rfc4733Sender sender = new Rfc4733Sender(160, Duration.ofMillis(60), 32);
        String keys = "0123456789*#ABCD55";
        for (char c : keys.toCharArray()) {
            assertThat(sender.enqueue(c, Duration.ofMillis(60 + 20 * (c % 4)))).isTrue();
        }
        StringBuilder heard = new StringBuilder();
        Rfc4733Receiver receiver = new Rfc4733Receiver(heard::append);
        byte[] buf = new byte[4];
        for (int i = 0; i < 1000 && heard.length() < keys.length(); i++) {
            if (sender.tick(160 * i)) {
                sender.writePayload(buf, 0);
                assertThat(receiver.receive(0x1234, sender.eventTimestamp(), buf, 0, 4)).isTrue();
            }
        }
        assertThat(heard).hasToString(keys);
    }

    @Test
    void durationsAreClampedAndBadKeysAndAFullQueueRefused() {
        Rfc4733Sender sender = new Rfc4733Sender(160, Duration.ofMillis(80), 2);
        assertThatThrownBy(() -> sender.enqueue('x', Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
        assertThat(sender.enqueue('a', Duration.ZERO)).isTrue(); // lower case accepted, 40 ms minimum
        assertThat(sender.enqueue('1', Duration.ofMinutes(1))).isTrue();
        assertThat(sender.enqueue('2', Duration.ofMillis(100))).isFalse();
        List<Tick> ticks = run(sender, 5, 0);
        assertThat(ticks.get(0).payloadHex()).isEqualTo("0c0a00a0");
        assertThat(ticks.get(4).payloadHex()).isEqualTo("0c8a0140");
        int eventTicks = 0;
        for (Tick t : run(sender, 400, 0)) {
            eventTicks += t == null ? 0 : 1;
        }
        assertThat(eventTicks).isEqualTo(250 + 3); // 5 s maximum: duration 40000 fits 16 bits
    }
}
