package dev.voicebot.rtp.codec;

/** G.711 A-law, static payload type 8. One byte per sample. */
final class PcmaCodec implements AudioCodec {

    static final PcmaCodec INSTANCE = new PcmaCodec(PayloadFormat.PCMA);

    private final PayloadFormat format;

    /** For a format negotiated with another (dynamic) payload type; otherwise use INSTANCE. */
    PcmaCodec(PayloadFormat format) {
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
            out[outOff + i] = G711.alawDecode(in[off + i]);
        }
        return len;
    }

    @Override
    public int encode(short[] in, int off, int len, byte[] out, int outOff) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = G711.alawEncode(in[off + i]);
        }
        return len;
    }
}
