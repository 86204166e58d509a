package dev.voicebot.rtp.codec;

/**
 * A codec whose decoder fills lost audio itself (Opus: in-band FEC or its own PLC), which does far
 * better than repeating waveforms from outside because it continues the decoder's own model.
 */
public interface ConcealingCodec extends AudioCodec {

    /**
     * Produces {@code samples} samples for audio that never arrived, continuing the decoder state.
     *
     * @param next the payload of the packet that follows the lost stretch immediately, if it has
     *             already arrived (its redundancy may describe the lost audio), else {@code null}
     * @return samples written, {@code samples} unless the decoder failed (then the rest is silence)
     */
    int conceal(short[] out, int outOff, int samples, byte[] next, int nextOff, int nextLen);
}
