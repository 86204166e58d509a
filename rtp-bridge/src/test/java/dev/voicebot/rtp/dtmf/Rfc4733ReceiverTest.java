package dev.voicebot.rtp.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Rfc4733ReceiverTest {

    private final List<Character> digits = new ArrayList<>();
    private final Rfc4733Receiver receiver = new Rfc4733Receiver(digits::add);

    private static byte[] event(int code, boolean end, int duration) {
        return new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    /** A full key press as a gateway sends it: start, updates, then the end packet three times. */
    private void press(int ssrc, int timestamp, int code) {
        for (int d = 160; d <= 640; d += 160) {
            receiver.receive(ssrc, timestamp, event(code, false, d), 0, 4);
        }
        for (int i = 0; i < 3; i++) {
            receiver.receive(ssrc, timestamp, event(code, true, 800), 0, 4);
        }
    }

    @Test
    void reportsEachKeyPressOnceDespiteTripleEndPackets() {
        press(1, 1000, 5);
        assertThat(digits).containsExactly('5');
    }

    @Test
    void reportsTheSameDigitPressedTwice() {
        press(1, 1000, 7);
        press(1, 3000, 7);
        assertThat(digits).containsExactly('7', '7');
    }

    @Test
    void reportsADigitWhoseEndPacketsWereLostWhenTheNextEventBegins() {
        receiver.receive(1, 1000, event(3, false, 160), 0, 4);
        receiver.receive(1, 1000, event(3, false, 320), 0, 4);
        assertThat(digits).isEmpty();
        receiver.receive(1, 2600, event(9, false, 160), 0, 4);
        assertThat(digits).containsExactly('3');
        receiver.receive(1, 2600, event(9, true, 480), 0, 4);
        assertThat(digits).containsExactly('3', '9');
    }

    @Test
    void ignoresLateRetransmissionsOfAnEarlierEvent() {
        press(1, 1000, 1);
        press(1, 2000, 2);
        receiver.receive(1, 1000, event(1, true, 800), 0, 4);
        assertThat(digits).containsExactly('1', '2');
    }

    @Test
    void reportsEventsReplayedWithEarlierTimestampsAsNewKeyPresses() {
        // SIPp's dtmf_2833_N.pcap files share one SSRC; each has its own fixed timestamp.
        press(7, 23200, 2);
        press(7, 13280, 1);
        press(7, 23200, 2);
        press(7, 33200, 3);

        assertThat(digits).containsExactly('2', '1', '2', '3');
    }

    @Test
    void mapsAllSixteenDtmfEvents() {
        for (int code = 0; code < 16; code++) {
            press(1, 1000 * (code + 1), code);
        }
        assertThat(digits).containsExactly('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D');
    }

    @Test
    void ignoresNonDtmfEventsSuchAsFlash() {
        press(1, 1000, 16);
        press(1, 2000, 0);
        assertThat(digits).containsExactly('0');
    }

    @Test
    void treatsANewSsrcAsANewEventStream() {
        press(1, 5000, 4);
        press(2, 5000, 4); // same timestamp, another source: a different key press
        assertThat(digits).containsExactly('4', '4');
    }

    @Test
    void rejectsPayloadsShorterThanOneEvent() {
        assertThat(receiver.receive(1, 1000, new byte[3], 0, 3)).isFalse();
        assertThat(digits).isEmpty();
    }
}
