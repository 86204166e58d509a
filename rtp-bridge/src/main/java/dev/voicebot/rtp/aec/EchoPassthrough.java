package dev.voicebot.rtp.aec;

/** Echo cancellation switched off: the caller's audio is delivered as received. */
public record EchoPassthrough() implements EchoCanceller {

    @Override
    public void playback(short[] farEnd) {
    }

    @Override
    public void capture(short[] nearEnd, short[] out) {
        if (out != nearEnd) {
            System.arraycopy(nearEnd, 0, out, 0, FRAME_SAMPLES);
        }
    }

    @Override
    public void reset() {
    }

    @Override
    public boolean isActive() {
        return false;
    }

    @Override
    public void close() {
    }
}
