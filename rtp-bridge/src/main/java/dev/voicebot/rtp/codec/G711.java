package dev.voicebot.rtp.codec;

/**
 * ITU-T G.711 µ-law and A-law companding, following the reference algorithm (the public-domain
 * Sun Microsystems {@code g711.c}). The conversions are precomputed into tables once, so the
 * per-sample cost is a single array lookup.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 8159;
    private static final int[] SEG_UEND = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int[] SEG_AEND = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];
    /** Indexed by the sample's top 14 bits: µ-law ignores the two least significant bits. */
    private static final byte[] ULAW_ENCODE = new byte[1 << 14];
    /** Indexed by the sample's top 13 bits: A-law ignores the three least significant bits. */
    private static final byte[] ALAW_ENCODE = new byte[1 << 13];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_DECODE[code] = (short) ulawToLinear(code);
            ALAW_DECODE[code] = (short) alawToLinear(code);
        }
        for (int v = -(1 << 13); v < (1 << 13); v++) {
            ULAW_ENCODE[v & 0x3FFF] = (byte) linearToUlaw(v << 2);
        }
        for (int v = -(1 << 12); v < (1 << 12); v++) {
            ALAW_ENCODE[v & 0x1FFF] = (byte) linearToAlaw(v << 3);
        }
    }

    private G711() {
    }

    /**
     * A companding law as the tables a codec loop indexes directly: decoding is {@code
     * decode[code & 0xFF]}, encoding {@code encode[(sample >> encodeShift) & encodeMask]}.
     */
    enum Law {
        ULAW(ULAW_DECODE, ULAW_ENCODE, 2),
        ALAW(ALAW_DECODE, ALAW_ENCODE, 3);

        final short[] decode;
        final byte[] encode;
        final int encodeShift;
        final int encodeMask;

        Law(short[] decode, byte[] encode, int encodeShift) {
            this.decode = decode;
            this.encode = encode;
            this.encodeShift = encodeShift;
            this.encodeMask = encode.length - 1;
        }
    }

    public static short ulawDecode(byte code) {
        return ULAW_DECODE[code & 0xFF];
    }

    public static byte ulawEncode(short sample) {
        return ULAW_ENCODE[(sample >> 2) & 0x3FFF];
    }

    public static short alawDecode(byte code) {
        return ALAW_DECODE[code & 0xFF];
    }

    public static byte alawEncode(short sample) {
        return ALAW_ENCODE[(sample >> 3) & 0x1FFF];
    }

    private static int ulawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int alawToLinear(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (a & 0x80) != 0 ? t : -t;
    }

    private static int linearToUlaw(int pcm) {
        int value = pcm >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (value > ULAW_CLIP) {
            value = ULAW_CLIP;
        }
        value += ULAW_BIAS >> 2;
        int seg = segment(value, SEG_UEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int u = (seg << 4) | ((value >> (seg + 1)) & 0x0F);
        return u ^ mask;
    }

    private static int linearToAlaw(int pcm) {
        int value = pcm >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int seg = segment(value, SEG_AEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int a = seg << 4;
        a |= seg < 2 ? (value >> 1) & 0x0F : (value >> seg) & 0x0F;
        return a ^ mask;
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
