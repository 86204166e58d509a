package dev.voicebot.rtp.codec;

/** G.711 µ-law, static payload type 0. One byte per sample. */
final class PcmuCodec implements AudioCodec {

    static final PcmuCodec INSTANCE = new PcmuCodec(PayloadFormat.PCMU);

    private final PayloadFormat format;

    /** For a format negotiated with another (dynamic) payload type; otherwise use INSTANCE. */
    PcmuCodec(PayloadFormat format) {
        this.format = format;
    }

    @Override
    public PayloadFormat format() {
        return format;
    }

    @Override
    public int samplesIn(byte[] in, int off, int len) {
        return len;
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = G711.ulawDecode(in[off + i]);
        }
        return len;
    }

    @Override
    public int encode(short[] in, int off, int len, byte[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = G711.ulawEncode(in[off + i]);
        }
        return len;
    }
}
