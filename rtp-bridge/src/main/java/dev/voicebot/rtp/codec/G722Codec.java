package dev.voicebot.rtp.codec;

/**
 * ITU-T G.722 at 64 kbit/s: 16 kHz wideband audio, one octet per two samples (160 octets per
 * 20 ms), static payload type 9 with an 8000 Hz RTP clock. Written from the Recommendation's
 * algorithm description; there is no library for it on the JVM that works.
 *
 * <p>Stateful (ADPCM and QMF memories): one instance per call, used by one thread.
 */
public final class G722Codec implements AudioCodec {

    private final PayloadFormat format;
    private final G722Encoder encoder = new G722Encoder();
    private final G722Decoder decoder = new G722Decoder();

    public G722Codec() {
        this(PayloadFormat.G722);
    }

    /** For a negotiated format whose payload type differs from the static 9. */
    public G722Codec(PayloadFormat format) {
        this.format = format;
    }

    @Override
    public PayloadFormat format() {
        return format;
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public int samplesIn(byte[] in, int off, int len) {
        return 2 * len;
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        decoder.decode(in, off, len, out, outOff);
        return 2 * len;
    }

    /** Encodes an even number of samples; an odd last sample is ignored. */
    @Override
    public int encode(short[] in, int off, int len, byte[] out, int outOff) {
        int pairs = len / 2;
        encoder.encode(in, off, pairs, out, outOff);
        return pairs;
    }

    /** Returns both directions to their initial state (a new stream). */
    public void reset() {
        encoder.reset();
        decoder.reset();
    }
}
