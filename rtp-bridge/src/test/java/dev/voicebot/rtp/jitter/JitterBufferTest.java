package dev.voicebot.rtp.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.codec.PayloadFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Each test packet carries one constant µ-law code word, so every pulled sample tells which
 * packet it came from.
 */
class JitterBufferTest {

    private static final int SSRC = 0x1234;
    /** A fixed 40 ms delay: what these tests prove (reorder, loss, wrap...) does not depend on adaptation. */
    private final JitterBuffer buffer = new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU), JitterDelay.fixed(40));

    /** Decoded value of packet k's samples: distinct, non-zero, exactly representable. */
    private static short valueOf(int k) {
        return G711.ulawDecode(code(k));
    }

    private static byte code(int k) {
        return (byte) (0x80 + (k % 100) + 1);
    }

    private PushOutcome push(int ssrc, int seq, long ts, int k, int samples) {
        byte[] payload = new byte[samples];
        Arrays.fill(payload, code(k));
        return buffer.push(ssrc, seq & 0xFFFF, (int) ts, payload, 0, samples);
    }

    /** Packet k of a 20 ms stream starting at sequence 100, timestamp 5000. */
    private PushOutcome push20(int k) {
        return push(SSRC, 100 + k, 5000 + 160L * k, k, 160);
    }

    private short[] pull(int samples) {
        short[] out = new short[samples];
        buffer.pull(out, 0, samples);
        return out;
    }

    private static void assertAll(short[] frame, short value) {
        assertThat(frame).containsOnly(value);
    }

    @Test
    void waitsForTheTargetDelayBeforePlayoutStarts() {
        push20(0);
        assertThat(buffer.pull(new short[160], 0, 160)).isZero();
        push20(1);
        short[] first = new short[160];
        assertThat(buffer.pull(first, 0, 160)).isEqualTo(160);
        assertAll(first, valueOf(0));
    }

    @Test
    void playsALonePacketOnceItHasWaitedTheTargetDelay() {
        push20(0);
        assertAll(pull(160), (short) 0);
        assertAll(pull(160), valueOf(0));
    }

    @Test
    void reordersPacketsThatArriveOutOfSequence() {
        push20(1);
        push20(0);
        push20(3);
        push20(2);
        for (int k = 0; k < 4; k++) {
            assertAll(pull(160), valueOf(k));
        }
        assertThat(buffer.lost()).isZero();
        assertThat(buffer.late()).isZero();
    }

    @Test
    void concealsALostPacketInsideATalkspurtAndCountsIt() {
        push20(0);
        push20(1);
        push20(3);
        push20(4);
        assertAll(pull(160), valueOf(0));
        assertAll(pull(160), valueOf(1));
        short[] concealed = new short[160];
        assertThat(buffer.pull(concealed, 0, 160)).isZero(); // nothing of it was received
        assertThat(concealed).as("not silence").contains(valueOf(1));
        pull(160); // packet 3, cross-faded in from the concealment
        assertAll(pull(160), valueOf(4));
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.concealedSamples()).isEqualTo(160);
    }

    @Test
    void dropsDuplicatesAndCountsThem() {
        assertThat(push20(0)).isEqualTo(PushOutcome.ACCEPTED);
        assertThat(push20(0)).isEqualTo(PushOutcome.DUPLICATE);
        push20(1);
        assertThat(push20(1)).isEqualTo(PushOutcome.DUPLICATE);
        assertThat(buffer.duplicates()).isEqualTo(2);
        assertAll(pull(160), valueOf(0));
        assertAll(pull(160), valueOf(1));
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void dropsPacketsWhosePlayoutTimeHasPassed() {
        push20(0);
        push20(2);
        push20(3);
        pull(160);
        pull(160); // packet 1's time concealed
        assertThat(push20(1)).isEqualTo(PushOutcome.LATE);
        assertThat(buffer.late()).isEqualTo(1);
        assertAll(pull(160), valueOf(2));
        assertThat(buffer.lost()).isZero(); // it did arrive, just too late
    }

    @Test
    void plays30msPacketsContinuouslyIn20msPulls() {
        for (int k = 0; k < 4; k++) {
            push(SSRC, 7 + k, 240L * k, k, 240);
        }
        short[] all = new short[960];
        for (int f = 0; f < 6; f++) {
            buffer.pull(all, f * 160, 160);
        }
        for (int i = 0; i < all.length; i++) {
            assertThat(all[i]).as("sample %d", i).isEqualTo(valueOf(i / 240));
        }
    }

    @Test
    void survivesSequenceAndTimestampWrapAround() {
        long ts0 = 0xFFFFFFFFL - 200; // wraps inside the second packet
        for (int k = 0; k < 6; k++) {
            assertThat(push(SSRC, 65533 + k, (ts0 + 160L * k) & 0xFFFFFFFFL, k, 160))
                    .isEqualTo(PushOutcome.ACCEPTED);
        }
        for (int k = 0; k < 6; k++) {
            assertAll(pull(160), valueOf(k));
        }
        assertThat(buffer.resets()).isZero();
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void startsAFreshTimelineWhenTheSsrcChanges() {
        push20(0);
        push20(1);
        assertAll(pull(160), valueOf(0));
        // A PBX re-bridge: new SSRC, unrelated sequence and timestamp bases (lower than before).
        assertThat(push(0x9999, 3, 10, 50, 160)).isEqualTo(PushOutcome.ACCEPTED);
        assertThat(push(0x9999, 4, 170, 51, 160)).isEqualTo(PushOutcome.ACCEPTED);
        assertAll(pull(160), valueOf(50));
        assertAll(pull(160), valueOf(51));
        assertThat(buffer.resets()).isEqualTo(1);
        assertThat(buffer.late()).isZero();
    }

    @Test
    void startsAFreshTimelineOnALargeTimestampJumpFromTheSameSsrc() {
        push20(0);
        push20(1);
        push20(2);
        assertAll(pull(160), valueOf(0));
        push(SSRC, 103, 5000 + 8000L * 30, 9, 160); // 30 s later with audio still buffered
        push(SSRC, 104, 5000 + 8000L * 30 + 160, 10, 160);
        assertThat(buffer.resets()).isEqualTo(1);
        assertAll(pull(160), valueOf(9));
        assertAll(pull(160), valueOf(10));
    }

    @Test
    void resumesAfterSilenceSuppressionWithoutPlayingTheSkippedTimeAgain() {
        push20(0);
        push20(1);
        assertAll(pull(160), valueOf(0));
        assertAll(pull(160), valueOf(1));
        assertAll(pull(160), (short) 0); // dry: underrun
        // The sender resumes 400 ms later with the next sequence number (DTX).
        push(SSRC, 102, 5000 + 320 + 3200, 7, 160);
        push(SSRC, 103, 5000 + 320 + 3360, 8, 160);
        assertAll(pull(160), valueOf(7));
        assertAll(pull(160), valueOf(8));
        assertThat(buffer.underruns()).isEqualTo(1);
        assertThat(buffer.lost()).isZero();
        assertThat(buffer.resets()).isZero();
        assertThat(buffer.concealedSamples()).as("a DTX gap is not loss").isZero();
    }

    @Test
    void boundsTheBufferByDroppingTheOldestAudio() {
        for (int k = 0; k < 40; k++) { // 800 ms arriving in a burst
            push20(k);
        }
        assertThat(buffer.bufferedSamples()).isLessThanOrEqualTo(4000);
        assertThat(buffer.overflowSamples()).isEqualTo(40 * 160 - 4000);
        assertAll(pull(160), valueOf(15));
    }

    @Test
    void pullsFillTheRequestedSpanAtAnOffset() {
        push20(0);
        push20(1);
        short[] out = new short[200];
        Arrays.fill(out, (short) 77);
        assertThat(buffer.pull(out, 20, 160)).isEqualTo(160);
        assertThat(out[19]).isEqualTo((short) 77);
        assertThat(out[20]).isEqualTo(valueOf(0));
        assertThat(out[180]).isEqualTo((short) 77);
    }
}
