package dev.voicebot.rtp.codec;

/**
 * G.711 in either law: µ-law (PCMU, static payload type 0) or A-law (PCMA, static payload type 8).
 * One byte per sample; stateless, so the static-payload-type instances are shared. The loops index
 * the law's tables held in final fields, as cheap as the static lookups and allocation-free.
 */
final class G711Codec implements AudioCodec {

    static final G711Codec PCMU = new G711Codec(PayloadFormat.PCMU, G711.Law.ULAW);
    static final G711Codec PCMA = new G711Codec(PayloadFormat.PCMA, G711.Law.ALAW);

    private final PayloadFormat format;
    private final short[] decodeTable;
    private final byte[] encodeTable;
    private final int encodeShift;
    private final int encodeMask;

    /** For a format negotiated with another (dynamic) payload type; otherwise use PCMU or PCMA. */
    G711Codec(PayloadFormat format, G711.Law law) {
        this.format = format;
        this.decodeTable = law.decode;
        this.encodeTable = law.encode;
        this.encodeShift = law.encodeShift;
        this.encodeMask = law.encodeMask;
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
        short[] table = decodeTable;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = table[in[off + i] & 0xFF];
        }
        return len;
    }

    @Override
    public int encode(short[] in, int off, int len, byte[] out, int outOff) {
        byte[] table = encodeTable;
        int shift = encodeShift;
        int mask = encodeMask;
        for (int i = 0; i < len; i++) {
            out[outOff + i] = table[(in[off + i] >> shift) & mask];
        }
        return len;
    }
}
