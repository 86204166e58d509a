package dev.voicebot.rtp.codec;

/**
 * Converts between an RTP payload and 16-bit linear PCM at the codec's sample rate.
 * Implementations must not allocate: they run once per packet on the media clock thread.
 */
public interface AudioCodec {

    PayloadFormat format();

    /** Decodes {@code len} payload bytes into {@code out}; returns the number of samples written. */
    int decode(byte[] in, int off, int len, short[] out, int outOff);

    /** Encodes {@code len} samples into {@code out}; returns the number of bytes written. */
    int encode(short[] in, int off, int len, byte[] out, int outOff);
}
