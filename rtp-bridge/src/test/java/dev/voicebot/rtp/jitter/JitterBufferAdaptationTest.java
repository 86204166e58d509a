package dev.voicebot.rtp.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.PayloadFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The adaptive playout delay under arrival traces: packets carry their arrival time in
 * milliseconds, and a simulated media clock pushes what has arrived before each 20 ms pull, as
 * the RTP session does on every tick.
 */
class JitterBufferAdaptationTest {

    private static final int SSRC = 0x4242;
    /** µ-law near full scale: speech. */
    private static final byte LOUD = (byte) 0x85;
    /** µ-law zero: silence. */
    private static final byte QUIET = (byte) 0xFF;

    private record Packet(int ssrc, int seq, long ts, double arrivalMs, boolean marker, byte code) {
    }

    /** Packet k of a 20 ms stream (sequence 1000 + k, timestamp 80000 + 160 k) arriving at {@code arrivalMs}. */
    private static Packet packet(int k, double arrivalMs, byte code) {
        return new Packet(SSRC, 1000 + k, 80_000 + 160L * k, arrivalMs, false, code);
    }

    /** Runs the media clock over a trace, 20 ms per tick. */
    private static final class Clock {
        final JitterBuffer buffer;
        final List<Packet> pending = new ArrayList<>();
        final short[] frame = new short[160];
        int tick;
        /** Audio buffered before each pull, in samples, by tick. */
        final List<Integer> bufferedBeforePull = new ArrayList<>();
        /** {@link JitterBuffer#playoutLag()} after each pull, by tick. */
        final List<Long> lagAfterPull = new ArrayList<>();

        Clock(JitterBuffer buffer) {
            this.buffer = buffer;
        }

        void add(List<Packet> packets) {
            pending.addAll(packets);
            pending.sort(Comparator.comparingDouble(Packet::arrivalMs));
        }

        /** One tick: pushes everything that arrived by now, then pulls 20 ms. */
        int tick() {
            double now = tick * 20.0;
            while (!pending.isEmpty() && pending.getFirst().arrivalMs() <= now) {
                Packet p = pending.removeFirst();
                byte[] payload = new byte[160];
                Arrays.fill(payload, p.code());
                buffer.push(p.ssrc(), p.seq() & 0xFFFF, (int) p.ts(), p.marker(), payload, 0, 160);
            }
            bufferedBeforePull.add(buffer.bufferedSamples());
            tick++;
            int received = buffer.pull(frame, 0, 160);
            lagAfterPull.add(buffer.playoutLag());
            return received;
        }

        void runUntil(double ms) {
            while (tick * 20.0 < ms) {
                tick();
            }
        }
    }

    @Test
    void aSteadyStreamPlaysEachPacketOnTheTickItArrivesAndStaysAtTheMinimum() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        Random random = new Random(1);
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 500; k++) { // 10 s, 7 ms after our ticks with ±3 ms of loopback noise
            trace.add(packet(k, 20.0 * k + 7 + random.nextDouble(-3, 3), LOUD));
        }
        clock.add(trace);
        clock.runUntil(10_010);

        JitterBuffer buffer = clock.buffer;
        assertThat(buffer.targetDelayMillis()).isEqualTo(20);
        assertThat(clock.bufferedBeforePull.subList(5, 500)).as("one frame, the one about to play")
                .containsOnly(160);
        assertThat(buffer.late()).isZero();
        assertThat(buffer.underruns()).isZero();
        assertThat(buffer.grows()).isZero();
        assertThat(buffer.shrinks()).isZero();
    }

    @Test
    void aBurstAtStreamStartIsShedInTheFirstSilenceAndTheDelaySettlesAtTheMinimum() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            // A NATed caller's learning run: its first four packets are released together.
            double arrival = k < 4 ? 65 : 20.0 * k + 5;
            trace.add(packet(k, arrival, k < 100 ? QUIET : LOUD));
        }
        clock.add(trace);
        clock.runUntil(6_000);

        JitterBuffer buffer = clock.buffer;
        assertThat(buffer.shrinks()).as("three surplus frames dropped").isEqualTo(3);
        assertThat(buffer.targetDelayMillis()).isEqualTo(20);
        assertThat(clock.bufferedBeforePull.subList(50, 290)).containsOnly(160);
        assertThat(buffer.late()).isZero();
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void jitterOfPlusMinus50MillisecondsRaisesTheTargetAndLeavesNoLatePacketsOnceAdapted() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU), new JitterDelay(20, 160)));
        Random random = new Random(4);
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 1000; k++) { // 20 s of speech, each packet 0-100 ms late: ±50 ms around a mean
            trace.add(packet(k, 20.0 * k + 3 + random.nextDouble(0, 100), LOUD));
        }
        clock.add(trace);
        clock.runUntil(3_000);
        JitterBuffer buffer = clock.buffer;
        long lateWhileAdapting = buffer.late();
        long underrunsWhileAdapting = buffer.underruns();
        int target = buffer.targetDelayMillis();
        assertThat(target).as("the spread of arrival times plus a frame").isBetween(100, 140);

        clock.runUntil(20_000); // the stream ends at 20 s: after that the buffer runs dry
        assertThat(buffer.late()).as("late packets after the first 3 s").isEqualTo(lateWhileAdapting);
        assertThat(buffer.underruns()).isEqualTo(underrunsWhileAdapting);
        assertThat(buffer.targetDelayMillis()).isBetween(100, 140);
        clock.runUntil(20_300);
        assertThat(buffer.lost()).as("late is not lost").isZero();
    }

    @Test
    void theTargetStaysWithinItsMaximumWhateverTheJitter() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        Random random = new Random(5);
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 250; k++) {
            trace.add(packet(k, 20.0 * k + random.nextDouble(0, 300), LOUD));
        }
        clock.add(trace);
        clock.runUntil(5_400);
        assertThat(clock.buffer.targetDelayMillis()).isEqualTo(120);
        assertThat(clock.buffer.late()).as("beyond the maximum, lateness is concealed").isPositive();
    }

    @Test
    void whenTheJitterGoesAwayTheDelayShrinksBackInTheNextSilenceButNotDuringSpeech() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        Random random = new Random(6);
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 900; k++) {
            // 0-3 s: ±30 ms of jitter; then a clean network. Speech until 12 s, silence after.
            double jitter = k < 150 ? random.nextDouble(0, 60) : 0;
            trace.add(packet(k, 20.0 * k + 5 + jitter, k < 600 ? LOUD : QUIET));
        }
        clock.add(trace);
        clock.runUntil(3_000);
        JitterBuffer buffer = clock.buffer;
        assertThat(buffer.targetDelayMillis()).isGreaterThanOrEqualTo(60);
        long lateWhileJittery = buffer.late();
        long underrunsWhileJittery = buffer.underruns();

        clock.runUntil(11_900);
        assertThat(buffer.targetDelayMillis()).as("4 s of clean arrivals later").isEqualTo(20);
        assertThat(buffer.shrinks()).as("nothing dropped from speech").isZero();
        assertThat(clock.bufferedBeforePull.getLast()).isGreaterThan(160);

        clock.runUntil(17_900);
        assertThat(buffer.shrinks()).isPositive();
        assertThat(clock.bufferedBeforePull.getLast()).as("back at one frame").isEqualTo(160);
        assertThat(buffer.late()).as("late packets only while it was jittery").isEqualTo(lateWhileJittery);
        assertThat(buffer.underruns()).isEqualTo(underrunsWhileJittery);
    }

    @Test
    void thePlayoutLagMovesByExactlyOneFrameForEachFrameGrownOrDropped() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 600; k++) { // a hiccup in speech grows the delay; silence 4 s later shrinks it
            trace.add(packet(k, 20.0 * k + 5 + (k == 50 ? 45 : 0), k < 300 ? LOUD : QUIET));
        }
        clock.add(trace);
        clock.runUntil(11_900);
        JitterBuffer buffer = clock.buffer;
        assertThat(buffer.grows()).isPositive();
        assertThat(buffer.shrinks()).isPositive();
        List<Long> lags = clock.lagAfterPull;
        long up = 0;
        long down = 0;
        for (int i = 1; i < lags.size(); i++) {
            if (lags.get(i) == Long.MIN_VALUE || lags.get(i - 1) == Long.MIN_VALUE) {
                continue; // priming: nothing plays, so nothing can echo
            }
            long step = lags.get(i) - lags.get(i - 1);
            assertThat(step).as("tick %d", i).isIn(-160L, 0L, 160L);
            up += step > 0 ? 1 : 0;
            down += step < 0 ? 1 : 0;
        }
        assertThat(up).as("one frame later for each frame grown").isEqualTo(buffer.grows());
        assertThat(down).as("one frame sooner for each silent frame dropped").isEqualTo(buffer.shrinks());
        assertThat(lags.getLast()).as("back where a clean stream plays").isEqualTo(lags.get(10));
    }

    @Test
    void aPacketDelayedOnceGrowsTheDelayByConcealingInsteadOfLosingItsSuccessors() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            trace.add(packet(k, 20.0 * k + 5 + (k == 50 ? 45 : 0), LOUD)); // one 45 ms hiccup
        }
        clock.add(trace);
        clock.runUntil(4_100);
        JitterBuffer buffer = clock.buffer;
        assertThat(buffer.targetDelayMillis()).as("two ticks late: 40 ms more").isEqualTo(60);
        assertThat(buffer.late()).as("at most the delayed packet itself").isLessThanOrEqualTo(1);
        assertThat(buffer.grows()).isPositive();
        assertThat(buffer.shrinks()).as("never during speech").isZero();
    }

    @Test
    void aTalkspurtAfterSilenceSuppressionStartsAtTheTargetDelay() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            trace.add(packet(k, 20.0 * k + 5, LOUD));
        }
        // 600 ms without packets (DTX); the next talkspurt's first packet has the marker bit.
        for (int k = 80; k < 130; k++) {
            trace.add(new Packet(SSRC, 1000 + k - 30, 80_000 + 160L * k, 20.0 * k + 5, k == 80, LOUD));
        }
        clock.add(trace);
        clock.runUntil(1_620);
        int received = clock.tick(); // the tick at 1620 ms, right after the marker packet arrived
        assertThat(received).as("played on the tick it arrived").isEqualTo(160);
        clock.runUntil(2_700);
        assertThat(clock.buffer.lost()).isZero();
        assertThat(clock.buffer.concealedSamples()).as("a pause is not loss").isZero();
        assertThat(clock.buffer.late()).isZero();
    }

    @Test
    void aLatePacketJustBeforeTheCallerFallsSilentDoesNotDelayItsNextTalkspurt() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 100; k++) { // 2 s of speech whose last packet comes 45 ms late
            trace.add(packet(k, 20.0 * k + 5 + (k == 99 ? 45 : 0), LOUD));
        }
        // The stream stops for 5 s (silence suppression), then a new talkspurt.
        for (int k = 350; k < 400; k++) {
            trace.add(new Packet(SSRC, 1000 + k - 250, 80_000 + 160L * k, 20.0 * k + 5, k == 350, LOUD));
        }
        clock.add(trace);
        clock.runUntil(2_100);
        assertThat(clock.buffer.targetDelayMillis()).as("raised by the late packet").isEqualTo(60);

        clock.runUntil(7_020);
        assertThat(clock.tick()).as("the new talkspurt plays on the tick it arrives").isEqualTo(160);
        assertThat(clock.buffer.targetDelayMillis()).isEqualTo(20);
    }

    @Test
    void theGapBeforeAMarkerPacketIsPlayedAsSilenceAndMayBeDropped() {
        JitterBuffer buffer = new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU), JitterDelay.fixed(100));
        byte[] loud = new byte[160];
        Arrays.fill(loud, LOUD);
        for (int k = 0; k < 3; k++) {
            buffer.push(SSRC, 10 + k, 160 * k, false, loud, 0, 160);
        }
        // The sender paused 60 ms and started a new talkspurt: consecutive sequence, marker set.
        buffer.push(SSRC, 13, 160 * 6, true, loud, 0, 160);
        short[] out = new short[160];
        List<Boolean> silent = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            buffer.pull(out, 0, 160);
            silent.add(Arrays.equals(out, new short[160]));
        }
        assertThat(buffer.concealedSamples()).isZero();
        assertThat(buffer.lost()).isZero();
        assertThat(silent.subList(0, 10)).as("priming, 3 speech frames, the pause, the new talkspurt")
                .containsSubsequence(false, false, false, true, false);
    }

    @Test
    void aNewSsrcRestartsTheMeasurementButKeepsTheLearnedTarget() {
        Clock clock = new Clock(new JitterBuffer(AudioCodecs.forFormat(PayloadFormat.PCMU)));
        Random random = new Random(8);
        List<Packet> trace = new ArrayList<>();
        for (int k = 0; k < 150; k++) {
            trace.add(packet(k, 20.0 * k + 2 + random.nextDouble(0, 40), LOUD));
        }
        // A PBX re-bridge: another SSRC with unrelated, lower sequence and timestamp bases.
        for (int k = 0; k < 100; k++) {
            trace.add(new Packet(0x7777, 5 + k, 1_000 + 160L * k, 3_100 + 20.0 * k + 11, k == 0, LOUD));
        }
        clock.add(trace);
        clock.runUntil(3_000);
        int learned = clock.buffer.targetDelayMillis();
        assertThat(learned).isBetween(40, 80);
        long lateBefore = clock.buffer.late();

        clock.runUntil(5_100); // the new stream ends at 5.1 s
        assertThat(clock.buffer.resets()).isEqualTo(1);
        assertThat(clock.buffer.targetDelayMillis()).as("the old stream's transits do not count").isEqualTo(learned);
        assertThat(clock.buffer.late()).isEqualTo(lateBefore);
        assertThat(clock.buffer.lost()).isZero();
    }
}
