package dev.voicebot.rtp.codec;

/**
 * Converts between an RTP payload and 16-bit linear PCM at the codec's sample rate.
 *
 * <p>Implementations must not allocate: they run once per packet on the media clock thread.
 * G.711 is stateless and one instance serves every call; G.722 and Opus keep encoder and decoder
 * state, so each call needs its own instance ({@link AudioCodecs#forFormat} hands out a new one).
 * Both directions of one call may share an instance because the media clock thread does both.
 */
public interface AudioCodec {

    PayloadFormat format();

    /**
     * Sample rate of the PCM this codec decodes to and encodes from. It can differ from the RTP
     * clock rate in {@link #format()}: G.722 is 16 kHz audio on an 8000 Hz RTP clock (RFC 3551),
     * Opus is decoded here at 16 kHz on a 48000 Hz clock.
     */
    default int sampleRate() {
        return 8000;
    }

    /**
     * How many samples (at {@link #sampleRate()}) the payload decodes to, without decoding it; −1
     * if it is not a valid payload. Lets the jitter buffer place a packet on its timeline while
     * deferring the decode until playout, which stateful decoders need to see packets in order.
     */
    int samplesIn(byte[] in, int off, int len);

    /**
     * Decodes {@code len} payload bytes into {@code out}; returns the number of samples written,
     * or −1 if the payload is not valid (never throws for bad input).
     */
    int decode(byte[] in, int off, int len, short[] out, int outOff);

    /** Encodes {@code len} samples into {@code out}; returns the number of bytes written. */
    int encode(short[] in, int off, int len, byte[] out, int outOff);
}
