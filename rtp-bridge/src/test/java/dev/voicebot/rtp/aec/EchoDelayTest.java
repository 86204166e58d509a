package dev.voicebot.rtp.aec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.codec.G711;
import dev.voicebot.rtp.resample.Resampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Echo paths as a real echoing call has them: at full level (a speakerphone, SIPp's
 * {@code -rtp_echo}) and later than the filter's tail (our jitter buffer holds several frames).
 * Runs the session's order: capture a frame, then play the next one.
 */
@Timeout(60)
class EchoDelayTest {

    private static final int FRAME = EchoCanceller.FRAME_SAMPLES;
    private static final int RATE = SyntheticEcho.RATE;

    private static short[] run(EchoCanceller aec, short[] far, short[] near) {
        short[] out = new short[near.length];
        short[] nearFrame = new short[FRAME];
        short[] farFrame = new short[FRAME];
        for (int off = 0; off + FRAME <= near.length; off += FRAME) {
            System.arraycopy(near, off, nearFrame, 0, FRAME);
            System.arraycopy(far, off, farFrame, 0, FRAME);
            aec.capture(nearFrame, nearFrame);
            aec.playback(farFrame);
            System.arraycopy(nearFrame, 0, out, off, FRAME);
        }
        return out;
    }

    /**
     * What SIPp's {@code -rtp_echo} returns: our audio as sent (down to 8 kHz, u-law) and decoded
     * again by the session (up to 16 kHz), {@code delayMs} later, at full level.
     */
    private static short[] fullLevelEcho(short[] far, int delayMs) {
        short[] far8k = new short[far.length / 2];
        Resampler.downsample16kTo8k().process(far, 0, far.length, far8k, 0);
        for (int i = 0; i < far8k.length; i++) {
            far8k[i] = G711.ulawDecode(G711.ulawEncode(far8k[i]));
        }
        short[] line = new short[far.length];
        Resampler.upsample8kTo16k().process(far8k, 0, far8k.length, line, 0);
        short[] echo = new short[far.length];
        int shift = delayMs * RATE / 1000;
        System.arraycopy(line, 0, echo, shift, far.length - shift);
        return echo;
    }

    private static double erleDb(short[] near, short[] out, int from, int to) {
        return 10 * Math.log10(SyntheticEcho.energy(near, from, to) / Math.max(1, SyntheticEcho.energy(out, from, to)));
    }

    @Test
    void measuresAnEchoLaterThanTheTailAndCancelsIt() {
        short[] far = SyntheticEcho.botSpeech(8 * RATE, 31);
        short[] near = fullLevelEcho(far, 190); // 190 ms: beyond a 128 ms tail
        EchoConfig filterOnly = EchoConfig.DEFAULT.withPreprocess(false);
        try (var fixed = new SpeexEchoCanceller(filterOnly.withDelayEstimation(false));
                var measuring = new SpeexEchoCanceller(filterOnly)) {
            run(fixed, far, near);
            run(measuring, far, near);
            // The filter's own figures: the pipeline gets the echo muted either way.
            double erleFixed = fixed.report().convergedErleDb();
            double erleMeasuring = measuring.report().convergedErleDb();
            EchoReport report = measuring.report();
            System.out.printf("full-level echo at 190 ms: filter ERLE %.1f dB with the delay measured (%s), %.1f dB"
                    + " without%n", erleMeasuring, report, erleFixed);
            assertThat(report.delayMillis()).isBetween(186, 200);
            // ERLE counts echo-only frames as the double-talk detector judges them; at this full
            // level (ERL under 3 dB) it takes a few of the loudest echo frames for the caller.
            assertThat(erleMeasuring).isGreaterThanOrEqualTo(14).isGreaterThan(erleFixed + 10);
        }
    }

    @Test
    void followsTheEchoWhenTheJitterBufferGrowsMidCall() {
        short[] far = SyntheticEcho.botSpeech(14 * RATE, 33);
        short[] early = fullLevelEcho(far, 60);
        short[] late = fullLevelEcho(far, 120); // three frames more buffered after an underrun
        short[] near = early.clone();
        System.arraycopy(late, 5 * RATE, near, 5 * RATE, near.length - 5 * RATE);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT.withPreprocess(false))) {
            short[] out = run(aec, far, near);
            double erle = erleDb(near, out, 10 * RATE, near.length);
            System.out.printf("echo moved 60 -> 120 ms at 5 s: ERLE over the last 4 s %.1f dB (%s)%n", erle, aec.report());
            assertThat(aec.report().delayMillis()).isBetween(116, 130);
            assertThat(erle).isGreaterThanOrEqualTo(15);
        }
    }

    /**
     * Our jitter buffer, four frames deep, drops a silent frame at 5 s (the echo comes back 20 ms
     * sooner) and grows by one at 9 s (20 ms later again), as it does under CPU load. Told of each move, the
     * canceller keeps what it learned; not told, it cancels less until it has measured the new
     * delay and relearned.
     */
    @Test
    void keepsTheLearnedEchoPathWhenOurPlayoutMovesAndSaysSo() {
        short[] far = SyntheticEcho.botSpeech(13 * RATE, 37);
        short[] at80 = fullLevelEcho(far, 80);
        short[] at60 = fullLevelEcho(far, 60);
        short[] near = at80.clone();
        System.arraycopy(at60, 5 * RATE, near, 5 * RATE, 4 * RATE);
        int[] shiftAt = {5 * RATE / FRAME, 9 * RATE / FRAME};
        int[] shiftBy = {-FRAME, FRAME};
        try (var told = new SpeexEchoCanceller(EchoConfig.DEFAULT);
                var notTold = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] nearFrame = new short[FRAME];
            short[] farFrame = new short[FRAME];
            for (int f = 0; (f + 1) * FRAME <= near.length; f++) {
                for (int k = 0; k < shiftAt.length; k++) {
                    if (shiftAt[k] == f) {
                        told.playoutShifted(shiftBy[k]);
                    }
                }
                System.arraycopy(far, f * FRAME, farFrame, 0, FRAME);
                for (EchoCanceller aec : new EchoCanceller[] {told, notTold}) {
                    System.arraycopy(near, f * FRAME, nearFrame, 0, FRAME);
                    aec.capture(nearFrame, nearFrame);
                    aec.playback(farFrame);
                }
            }
            EchoReport followed = told.report();
            EchoReport relearned = notTold.report();
            System.out.printf("playout moved -20 ms at 5 s, +20 ms at 9 s: filter ERLE %.1f dB followed (%s),"
                    + " %.1f dB not told (%s)%n", followed.convergedErleDb(), followed, relearned.convergedErleDb(),
                    relearned);
            assertThat(followed.playoutShifts()).isEqualTo(2);
            assertThat(followed.realignments()).as("only the first placement").isEqualTo(1);
            assertThat(followed.delayMillis()).isBetween(76, 88);
            assertThat(followed.convergedErleDb()).isGreaterThanOrEqualTo(15)
                    .isGreaterThan(relearned.convergedErleDb() + 3);
        }
    }

    @Test
    void aFullLevelEchoIsMutedFromTheFirstFrameWhileTheFilterConverges() {
        short[] far = SyntheticEcho.botSpeech(3 * RATE, 35);
        short[] near = fullLevelEcho(far, 124);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            double erleFirstSecond = erleDb(near, out, 0, RATE);
            System.out.printf("full-level echo, first second: ERLE %.1f dB after muting (%s)%n", erleFirstSecond,
                    aec.report());
            assertThat(erleFirstSecond).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void onALineWithoutEchoACallerTalkingOverTheBotAtItsLevelIsHeardFromTheFirstSyllable() {
        short[] far = SyntheticEcho.botSpeech(3 * RATE, 41);
        // No echo at all (most trunks): the delay can never be measured, yet the caller is the
        // caller. They start 0.9 s into the bot's sentence, as loud as the bot.
        int from = RATE * 9 / 10;
        short[] caller = SyntheticEcho.caller(far.length, SyntheticEcho.rms(far, 0, far.length));
        short[] near = SyntheticEcho.mix(new short[far.length], caller, from, far.length);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            int firstSyllable = from + RATE / 5;
            double kept = SyntheticEcho.rms(out, from, firstSyllable) / SyntheticEcho.rms(caller, from, firstSyllable);
            System.out.printf("caller over the bot on an echo-free line: first 200 ms kept at %.2f (%s)%n", kept,
                    aec.report());
            assertThat(kept).isGreaterThan(0.5);
        }
    }
}
