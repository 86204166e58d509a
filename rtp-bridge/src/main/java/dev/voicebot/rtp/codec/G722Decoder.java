package dev.voicebot.rtp.codec;

import static dev.voicebot.rtp.codec.G722Tables.QM2;
import static dev.voicebot.rtp.codec.G722Tables.QM4;
import static dev.voicebot.rtp.codec.G722Tables.QM6;
import static dev.voicebot.rtp.codec.G722Tables.RH2;
import static dev.voicebot.rtp.codec.G722Tables.RL42;
import static dev.voicebot.rtp.codec.G722Tables.WH;
import static dev.voicebot.rtp.codec.G722Tables.WL;

/** G.722 SB-ADPCM decoder, 64 kbit/s mode: one octet in, two 16 kHz samples out. */
final class G722Decoder {

    private final G722Qmf qmf = new G722Qmf();
    private final G722Band lower = G722Band.lower();
    private final G722Band upper = G722Band.upper();

    /** Decodes {@code len} octets into {@code 2 × len} samples. Every octet is valid. */
    void decode(byte[] in, int off, int len, short[] out, int outOff) {
        for (int n = 0; n < len; n++) {
            int code = in[off + n] & 0xFF;
            int rl = decodeLower(code & 0x3F);
            int rh = decodeUpper(code >> 6);
            qmf.synthesise(rl, rh, out, outOff + 2 * n);
        }
    }

    void reset() {
        qmf.reset();
        lower.reset();
        upper.reset();
    }

    private int decodeLower(int il) {
        int step = lower.step();
        int il4 = il >> 2;
        // The output uses all six bits; the predictor only the four that every mode carries.
        int rl = G722Band.clamp(lower.estimate() + ((step * QM6[il]) >> 15), -16384, 16383);
        lower.adapt((step * QM4[il4]) >> 15, WL[RL42[il4]]);
        return rl;
    }

    private int decodeUpper(int ih) {
        int step = upper.step();
        int dh = (step * QM2[ih]) >> 15;
        int rh = G722Band.clamp(upper.estimate() + dh, -16384, 16383);
        upper.adapt(dh, WH[RH2[ih]]);
        return rh;
    }
}
