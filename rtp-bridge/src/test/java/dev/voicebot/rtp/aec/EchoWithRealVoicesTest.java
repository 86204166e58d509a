package dev.voicebot.rtp.aec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The canceller on real speech (the bot in Festival's slt, its own voice; callers in flite's kal16
 * and rms, voices the project never uses), through real speexdsp, in the session's order: capture
 * a frame, then play the next one. The echo path is the telephone one: u-law both ways, 60 ms
 * of network and jitter buffer, then 30 ms to a hybrid returning the bot 6 dB down with a
 * reverberant tail out to ~90 ms ({@link SyntheticEcho#telephoneEcho}).
 */
@Timeout(120)
class EchoWithRealVoicesTest {

    private static final int RATE = SpokenAudio.RATE;
    private static final int FRAME = EchoCanceller.FRAME_SAMPLES;
    private static final double BOT_RMS = 3000;

    private static short[] greeting;
    private static short[] answer;
    private static short[] reprompt;
    private static short[] question;
    private static short[] followUp;
    private static short[] goodbye;

    @BeforeAll
    static void speak() {
        greeting = SpokenAudio.level(SpokenAudio.bot("Thank you for calling Acme. How can I help you today?"), BOT_RMS);
        answer = SpokenAudio.level(SpokenAudio.bot("We are open nine to five, Monday to Friday."), BOT_RMS);
        reprompt = SpokenAudio.level(SpokenAudio.bot(
                "Sorry, I did not catch that. You can ask about our opening hours or your order."), BOT_RMS);
        question = SpokenAudio.level(SpokenAudio.caller("kal16", "When are you open on weekdays?"), BOT_RMS);
        followUp = SpokenAudio.level(SpokenAudio.caller("rms", "Where is my order? I ordered it last week."),
                BOT_RMS);
        goodbye = SpokenAudio.level(SpokenAudio.caller("kal16", "That is all, thank you, goodbye."), BOT_RMS);
    }

    @Test
    void onALineWithoutEchoThePipelineGetsExactlyTheDecodedAudioEvenWhenTheCallerTalksOverTheBot() {
        int samples = 16 * RATE;
        short[] far = mixAll(samples, at(greeting, 0.2), at(answer, 5.0), at(reprompt, 10.0));
        // The caller asks 1.5 s into the greeting, talks over the answer and over the reprompt.
        short[] caller = mixAll(samples, at(question, 1.7), at(followUp, 6.5), at(goodbye, 11.0));
        short[] near = withLineNoise(caller, 5, 1);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            EchoReport report = aec.report();
            System.out.printf("echo-free line, caller over the bot: %s%n", report);
            assertThat(firstDifference(out, near, near.length)).as("first sample the pipeline hears changed").isEqualTo(-1);
            assertThat(report.echoDetected()).isFalse();
            assertThat(report.engagedFrames()).isZero();
        }
    }

    @Test
    void whileTheCallerTalksOverTheBotTheFilterHoldsTheCallerAtLevelAndTheEchoStaysCancelled() {
        int samples = 20 * RATE;
        short[] far = mixAll(samples, at(greeting, 0.2), at(answer, 4.4), at(reprompt, 8.0), at(greeting, 14.0),
                at(answer, 17.2));
        short[] echo = echoOf(far);
        int dtFrom = (int) (8.8 * RATE);
        short[] caller = mixAll(samples, at(question, 8.8), at(followUp, 10.8));
        int dtTo = lastVoiced(caller) + RATE / 5;
        short[] near = mix(echo, caller);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            EchoReport report = aec.report();
            double before = erleDb(echo, out, caller, 5 * RATE, dtFrom);
            double kept = callerLevelDb(out, caller, echo, dtFrom, dtTo);
            double after = erleDb(echo, out, caller, dtTo, dtTo + 3 * RATE);
            double laterOn = erleDb(echo, out, caller, dtTo + 3 * RATE, samples);
            System.out.printf("double talk (%.1f-%.1f s): ERLE before %.1f dB; caller kept at %+.1f dB; ERLE in the"
                    + " 3 s after %.1f dB, later %.1f dB; %s%n", dtFrom / (double) RATE, dtTo / (double) RATE,
                    before, kept, after, laterOn, report);
            assertThat(report.echoDetected()).isTrue();
            assertThat(before).as("ERLE before the caller talks").isGreaterThanOrEqualTo(15);
            assertThat(kept).as("the caller's level through the canceller, dB").isBetween(-3.0, 3.0);
            assertThat(after).as("ERLE right after the double talk").isGreaterThanOrEqualTo(15);
            assertThat(laterOn).as("ERLE later on").isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void sixtySecondsOfAlternatingAndOverlappingTalkNeverDivergeNorReplayTheBotIntoSilence() {
        int samples = 60 * RATE;
        short[][] botTurns = {greeting, answer, reprompt};
        short[][] callerTurns = {question, followUp, goodbye};
        short[] far = new short[samples];
        short[] caller = new short[samples];
        SplittableRandom random = new SplittableRandom(42);
        double t = 0.2;
        int turn = 0;
        while (t < 57) {
            short[] bot = botTurns[turn % 3];
            addAt(far, bot, t);
            double botEnd = t + bot.length / (double) RATE;
            // Every other turn the caller interrupts mid-sentence; otherwise they answer in the pause.
            double callerAt = turn % 2 == 0 ? t + 1.0 + random.nextDouble() : botEnd + 0.4;
            short[] said = callerTurns[turn % 3];
            addAt(caller, said, callerAt);
            t = Math.max(botEnd, callerAt + said.length / (double) RATE) + 0.6 + random.nextDouble(0.5);
            turn++;
        }
        short[] echo = echoOf(far);
        short[] near = mix(echo, caller);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            EchoReport report = aec.report();
            double worst = Double.POSITIVE_INFINITY;
            StringBuilder windows = new StringBuilder();
            for (int from = 5 * RATE; from + 2 * RATE <= samples; from += 2 * RATE) {
                double erle = erleDb(echo, out, caller, from, from + 2 * RATE);
                if (!Double.isNaN(erle)) {
                    worst = Math.min(worst, erle);
                    windows.append(String.format(" %.0f", erle));
                }
            }
            double replay = loudestSilentStretchDb(out, caller, echo);
            System.out.printf("60 s, %d turns: ERLE per 2 s of echo-only audio:%s dB; loudest 100 ms of output where"
                    + " the caller was silent %.1f dB below the echo; %s%n", turn, windows, replay, report);
            assertThat(report.echoDetected()).isTrue();
            assertThat(worst).as("worst ERLE over echo-only frames, per 2 s after the first 5 s")
                    .isGreaterThanOrEqualTo(10);
            assertThat(replay).as("the bot replayed into a silent caller side, dB below its echo")
                    .isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void onALineWithoutEchoTheDelayIsSearchedRarelyAndNotAtAllWhileTheCallerIsSilent() {
        int samples = 16 * RATE;
        short[] far = mixAll(samples, at(greeting, 0.2), at(answer, 5.0), at(reprompt, 10.0));
        try (var silent = new SpeexEchoCanceller(EchoConfig.DEFAULT);
                var talking = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            run(silent, far, withLineNoise(new short[samples], 5, 3));
            short[] caller = mixAll(samples, at(question, 1.7), at(followUp, 6.5), at(goodbye, 11.0));
            run(talking, far, withLineNoise(caller, 5, 4));
            System.out.printf("echo-free line, 16 s: %d searches with the caller silent, %d with the caller"
                    + " talking over the bot%n", silent.delaySearches(), talking.delaySearches());
            assertThat(silent.delaySearches()).as("searches while only line noise came back").isZero();
            assertThat(talking.report().echoDetected()).isFalse();
            // Ten a second until the line is judged echo-free (within the bot's first second of
            // audible speech), one a second after: at most about 16 + 10.
            assertThat(talking.delaySearches()).isPositive().isLessThanOrEqualTo(30);
        }
    }

    @Test
    void aLineThatStartsEchoingMidCallIsFoundAndCancelled() {
        int samples = 24 * RATE;
        short[] far = mixAll(samples, at(greeting, 0.2), at(answer, 5.5), at(reprompt, 10.2), at(greeting, 15.0),
                at(answer, 19.0));
        short[] echo = echoOf(far);
        int switchOn = 10 * RATE;
        java.util.Arrays.fill(echo, 0, switchOn, (short) 0); // a speakerphone switched on at 10 s
        short[] caller = mixAll(samples, at(question, 2.0), at(followUp, 7.0));
        short[] near = withLineNoise(mix(echo, caller), 5, 2);
        try (var aec = new SpeexEchoCanceller(EchoConfig.DEFAULT)) {
            short[] out = run(aec, far, near);
            EchoReport report = aec.report();
            double erle = erleDb(echo, out, caller, samples - 5 * RATE, samples);
            System.out.printf("echo from 10 s: ERLE over the last 5 s %.1f dB; %s%n", erle, report);
            assertThat(firstDifference(out, near, switchOn)).as("first sample changed before the echo").isEqualTo(-1);
            assertThat(report.echoDetected()).isTrue();
            assertThat(report.detectedAtSeconds()).isBetween(10.0, 13.0);
            assertThat(report.erlDb()).isBetween(2.0, 15.0);
            assertThat(erle).isGreaterThanOrEqualTo(15);
        }
    }

    // --- signals and measures ---

    private record Placed(short[] signal, double seconds) {
    }

    private static Placed at(short[] signal, double seconds) {
        return new Placed(signal, seconds);
    }

    private static short[] mixAll(int samples, Placed... parts) {
        short[] out = new short[samples];
        for (Placed p : parts) {
            addAt(out, p.signal(), p.seconds());
        }
        return out;
    }

    private static void addAt(short[] into, short[] signal, double seconds) {
        int at = (int) (seconds * RATE);
        for (int i = 0; i < signal.length && at + i < into.length; i++) {
            into[at + i] = clip(into[at + i] + signal[i]);
        }
    }

    private static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = clip(a[i] + b[i]);
        }
        return out;
    }

    /** The telephone echo path, 60 ms of network and jitter buffer later. */
    private static short[] echoOf(short[] far) {
        short[] line = SyntheticEcho.telephoneEcho(far, 7);
        short[] echo = new short[far.length];
        int shift = 60 * RATE / 1000;
        System.arraycopy(line, 0, echo, shift, far.length - shift);
        return echo;
    }

    private static short[] withLineNoise(short[] x, double rms, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = clip(x[i] + random.nextGaussian() * rms);
        }
        return out;
    }

    private static short[] run(EchoCanceller aec, short[] far, short[] near) {
        short[] out = new short[near.length];
        short[] nearFrame = new short[FRAME];
        short[] farFrame = new short[FRAME];
        short[] outFrame = new short[FRAME];
        for (int off = 0; off + FRAME <= near.length; off += FRAME) {
            System.arraycopy(near, off, nearFrame, 0, FRAME);
            System.arraycopy(far, off, farFrame, 0, FRAME);
            aec.capture(nearFrame, outFrame);
            aec.playback(farFrame);
            System.arraycopy(outFrame, 0, out, off, FRAME);
        }
        return out;
    }

    private static boolean callerSilent(short[] caller, int frame) {
        // The frame and its neighbours: a syllable's edge is not silence.
        for (int f = Math.max(0, frame - 2 * FRAME); f <= frame + 2 * FRAME && f + FRAME <= caller.length; f += FRAME) {
            if (SyntheticEcho.rms(caller, f, f + FRAME) > 10) {
                return false;
            }
        }
        return true;
    }

    /** ERLE over the frames of [from, to) that hold an audible echo and no caller; NaN if none. */
    private static double erleDb(short[] echo, short[] out, short[] caller, int from, int to) {
        double in = 0;
        double left = 0;
        for (int f = from; f + FRAME <= to; f += FRAME) {
            if (callerSilent(caller, f) && SyntheticEcho.rms(echo, f, f + FRAME) > 100) {
                in += SyntheticEcho.energy(echo, f, f + FRAME);
                left += SyntheticEcho.energy(out, f, f + FRAME);
            }
        }
        return in == 0 ? Double.NaN : 10 * Math.log10(in / Math.max(left, 1));
    }

    /**
     * The caller's level after the canceller against before, over the frames of [from, to) where
     * the caller is clearly talking: the output less the echo left in it is their voice.
     */
    private static double callerLevelDb(short[] out, short[] caller, short[] echo, int from, int to) {
        double said = 0;
        double heard = 0;
        double callerRms = SyntheticEcho.rms(caller, from, to);
        for (int f = from; f + FRAME <= to; f += FRAME) {
            if (SyntheticEcho.rms(caller, f, f + FRAME) > callerRms) {
                said += SyntheticEcho.energy(caller, f, f + FRAME);
                heard += SyntheticEcho.energy(out, f, f + FRAME);
            }
        }
        return 10 * Math.log10(heard / said);
    }

    /** How far below the echo the loudest 100 ms of output stays where the caller was silent. */
    private static double loudestSilentStretchDb(short[] out, short[] caller, short[] echo) {
        double loudest = 0;
        int loudestAt = 0;
        int span = 5 * FRAME;
        for (int f = 5 * RATE; f + span <= out.length; f += FRAME) {
            boolean silent = true;
            for (int g = f; g < f + span; g += FRAME) {
                silent &= callerSilent(caller, g);
            }
            if (silent && SyntheticEcho.rms(out, f, f + span) > loudest) {
                loudest = SyntheticEcho.rms(out, f, f + span);
                loudestAt = f;
            }
        }
        double echoRms = SyntheticEcho.rms(echo, 0, echo.length);
        System.out.printf("loudest output with the caller silent at %.2f s: rms %.0f (echo there %.0f)%n",
                loudestAt / (double) RATE, loudest, SyntheticEcho.rms(echo, loudestAt, loudestAt + span));
        return 20 * Math.log10(echoRms / Math.max(loudest, 1));
    }

    /** The first index below {@code to} where the two differ, -1 if none. */
    private static int firstDifference(short[] a, short[] b, int to) {
        for (int i = 0; i < to; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return -1;
    }

    private static int lastVoiced(short[] x) {
        for (int f = x.length - FRAME; f >= 0; f -= FRAME) {
            if (SyntheticEcho.rms(x, f, f + FRAME) > 30) {
                return f + FRAME;
            }
        }
        return 0;
    }

    private static short clip(double v) {
        return (short) Math.clamp(Math.round(v), Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
