package dev.voicebot.rtp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps copies of everything a session reports. */
final class RecordingListener implements MediaListener {

    final List<short[]> frames = new CopyOnWriteArrayList<>();
    final List<short[]> rawFrames = new CopyOnWriteArrayList<>();
    final List<short[]> sentFrames = new CopyOnWriteArrayList<>();
    final List<Character> digits = new CopyOnWriteArrayList<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger drained = new AtomicInteger();

    @Override
    public void onAudioFrame(short[] pcm16k) {
        frames.add(pcm16k.clone());
    }

    @Override
    public void onRawAudioFrame(short[] pcm16k) {
        rawFrames.add(pcm16k.clone());
    }

    @Override
    public void onSentAudioFrame(short[] pcm16k) {
        sentFrames.add(pcm16k.clone());
    }

    @Override
    public void onDtmf(char digit) {
        digits.add(digit);
    }

    @Override
    public void onPlayoutStarted() {
        started.incrementAndGet();
    }

    @Override
    public void onPlayoutDrained() {
        drained.incrementAndGet();
    }

    static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length);
    }
}
