package dev.voicebot.rtp.aec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** speexdsp through FFM on synthetic 16 kHz calls; runs the session's order: capture, then playback. */
@Timeout(60)
class EchoCancellerTest {

    private static final int FRAME = EchoCanceller.FRAME_SAMPLES;
    private static final int SECONDS = 12;
    private static final int SAMPLES = SECONDS * SyntheticEcho.RATE;

    /** Runs a whole signal through the canceller the way the session does, returning the output. */
    private static short[] run(EchoCanceller aec, short[] far, short[] near, long[] nanosPerFrame) {
        short[] out = new short[near.length];
        short[] nearFrame = new short[FRAME];
        short[] farFrame = new short[FRAME];
        short[] outFrame = new short[FRAME];
        long total = 0;
        for (int off = 0; off + FRAME <= near.length; off += FRAME) {
            System.arraycopy(near, off, nearFrame, 0, FRAME);
            System.arraycopy(far, off, farFrame, 0, FRAME);
            long t0 = System.nanoTime();
            aec.capture(nearFrame, outFrame);
            aec.playback(farFrame);
            total += System.nanoTime() - t0;
            System.arraycopy(outFrame, 0, out, off, FRAME);
        }
        if (nanosPerFrame != null) {
            nanosPerFrame[0] = total / (near.length / FRAME);
        }
        return out;
    }

    private static double erleDb(short[] near, short[] out, int from, int to) {
        return 10 * Math.log10(SyntheticEcho.energy(near, from, to) / Math.max(1, SyntheticEcho.energy(out, from, to)));
    }

    @Test
    void cancelsA30msEchoWithReverbByAtLeast15dbAfterConvergence() {
        short[] far = SyntheticEcho.botSpeech(SAMPLES, 1);
        short[] near = SyntheticEcho.echo(far, 2);
        for (boolean preprocess : new boolean[] {false, true}) {
            long[] cost = new long[1];
            try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT.withPreprocess(preprocess))) {
                short[] out = run(aec, far, near, cost);
                int from = (SECONDS - 4) * SyntheticEcho.RATE;
                double erle = erleDb(near, out, from, SAMPLES);
                System.out.printf("AEC %s: ERLE over the last 4 s %.1f dB, %.1f us per 20 ms frame%n",
                        preprocess ? "+ preprocess" : "alone", erle, cost[0] / 1000.0);
                assertThat(erle).as("ERLE, preprocess=%s", preprocess).isGreaterThanOrEqualTo(preprocess ? 20 : 15);
            }
        }
    }

    @Test
    void cancelsTheEchoOfARealG711PathByAtLeast15db() {
        short[] far = SyntheticEcho.botSpeech(SAMPLES, 11);
        short[] near = SyntheticEcho.telephoneEcho(far, 12);
        for (boolean preprocess : new boolean[] {false, true}) {
            try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT.withPreprocess(preprocess))) {
                short[] out = run(aec, far, near, null);
                double erle = erleDb(near, out, (SECONDS - 4) * SyntheticEcho.RATE, SAMPLES);
                System.out.printf("AEC %s, G.711 path: ERLE over the last 4 s %.1f dB%n",
                        preprocess ? "+ preprocess" : "alone", erle);
                assertThat(erle).as("ERLE, preprocess=%s", preprocess).isGreaterThanOrEqualTo(15);
            }
        }
    }

    @Test
    void aLongerTailStillConverges() {
        short[] far = SyntheticEcho.botSpeech(SAMPLES, 3);
        short[] near = SyntheticEcho.echo(far, 4);
        try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT.withTailMillis(256).withPreprocess(false))) {
            short[] out = run(aec, far, near, null);
            double erle = erleDb(near, out, (SECONDS - 4) * SyntheticEcho.RATE, SAMPLES);
            System.out.printf("AEC 256 ms tail alone: ERLE %.1f dB%n", erle);
            assertThat(erle).isGreaterThanOrEqualTo(12);
        }
    }

    @Test
    void aBulkDelayCoversAnEchoLaterThanTheTail() {
        short[] far = SyntheticEcho.botSpeech(SAMPLES, 5);
        short[] echo = SyntheticEcho.echo(far, 6);
        short[] late = new short[SAMPLES];
        int extra = 160 * SyntheticEcho.RATE / 1000; // echo now at 190 ms + reverb: beyond a 128 ms tail
        System.arraycopy(echo, 0, late, extra, SAMPLES - extra);
        EchoConfig fixedDelay = EchoConfig.DEFAULT.withPreprocess(false).withDelayEstimation(false);
        try (EchoCanceller without = EchoCanceller.create(fixedDelay);
                EchoCanceller with = EchoCanceller.create(fixedDelay.withBulkDelayMillis(160))) {
            run(without, far, late, null);
            run(with, far, late, null);
            // The filter's own figures: what reaches the pipeline is muted either way while the
            // bot's echo is all there is (see the real-voice tests).
            double erleWithout = without.report().convergedErleDb();
            double erleWith = with.report().convergedErleDb();
            System.out.printf("AEC echo at 190 ms: filter ERLE %.1f dB without bulk delay, %.1f dB with 160 ms%n",
                    erleWithout, erleWith);
            assertThat(erleWith).isGreaterThanOrEqualTo(15).isGreaterThan(erleWithout + 6);
        }
    }

    @Test
    void keepsTheCallerDuringDoubleTalk() {
        short[] far = SyntheticEcho.botSpeech(SAMPLES, 7);
        short[] echo = SyntheticEcho.echo(far, 8);
        // The caller talks over the bot for the last 4 s, 7 dB below the echo (a quiet caller).
        double callerRms = SyntheticEcho.rms(echo, 0, SAMPLES) * Math.pow(10, -7 / 20.0);
        short[] caller = SyntheticEcho.caller(SAMPLES, callerRms);
        int from = (SECONDS - 4) * SyntheticEcho.RATE;
        short[] near = SyntheticEcho.mix(echo, caller, from, SAMPLES);
        for (boolean preprocess : new boolean[] {false, true}) {
            try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT.withPreprocess(preprocess))) {
                short[] out = run(aec, far, near, null);
                int measureFrom = from + SyntheticEcho.RATE / 2;
                double before = SyntheticEcho.sampleCorrelation(caller, near, measureFrom, SAMPLES);
                double after = SyntheticEcho.sampleCorrelation(caller, out, measureFrom, SAMPLES);
                double envelope = SyntheticEcho.envelopeCorrelation(caller, out, measureFrom, SAMPLES);
                System.out.printf("AEC %s double-talk: caller correlation %.2f in, %.2f out (envelope %.2f)%n",
                        preprocess ? "+ preprocess" : "alone", before, after, envelope);
                // A caller this quiet (below the echo) is heard only where louder than the echo can
                // be: frames at the echo's level are muted as echo, so that a filter misled for a
                // moment never passes the bot for the caller.
                assertThat(after).as("preprocess=%s", preprocess).isGreaterThanOrEqualTo(0.65)
                        .isGreaterThan(before);
            }
        }
    }

    @Test
    void switchedOffItPassesAudioThroughUntouched() {
        short[] far = SyntheticEcho.botSpeech(SyntheticEcho.RATE, 9);
        short[] near = SyntheticEcho.echo(far, 10);
        try (EchoCanceller aec = EchoCanceller.create(EchoConfig.OFF)) {
            assertThat(aec).isInstanceOf(EchoPassthrough.class);
            assertThat(aec.isActive()).isFalse();
            assertThat(run(aec, far, near, null)).isEqualTo(near);
        }
    }

    @Test
    void closeFreesNativeStateOnceAndLaterFramesPassThrough() {
        EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT);
        assertThat(aec.isActive()).isTrue();
        short[] frame = new short[FRAME];
        Arrays.fill(frame, (short) 1234);
        short[] out = new short[FRAME];
        aec.capture(frame, out);
        aec.playback(frame);
        aec.close();
        aec.close(); // idempotent: a second destroy would be a double free
        assertThat(aec.isActive()).isFalse();
        aec.capture(frame, out);
        aec.playback(frame);
        aec.reset();
        assertThat(out).isEqualTo(frame);
    }

    @Test
    void processingAFrameAllocatesNothingOnTheJavaHeap() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        short[] far = SyntheticEcho.botSpeech(SyntheticEcho.RATE, 13);
        short[] near = SyntheticEcho.echo(far, 14);
        short[] frame = new short[FRAME];
        short[] farFrame = new short[FRAME];
        try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT)) {
            long allocated = 0;
            for (int round = 0; round < 30; round++) { // later rounds run JIT-compiled
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int off = 0; off + FRAME <= near.length; off += FRAME) {
                    System.arraycopy(near, off, frame, 0, FRAME);
                    System.arraycopy(far, off, farFrame, 0, FRAME);
                    aec.capture(frame, frame);
                    aec.playback(farFrame);
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            System.out.printf("AEC heap allocation, 50 frames once compiled: %d bytes%n", allocated);
            assertThat(allocated).isLessThan(1024);
        }
    }

    @Test
    void manyCallsOpenAndCloseWithoutLeakingOrCrashing() {
        for (int i = 0; i < 200; i++) {
            try (EchoCanceller aec = EchoCanceller.create(EchoConfig.DEFAULT.withBulkDelayMillis(100))) {
                short[] frame = new short[FRAME];
                aec.capture(frame, frame);
                aec.playback(frame);
                aec.reset();
            }
        }
    }
}
