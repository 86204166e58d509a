package dev.voicebot.rtp.codec;

import static dev.voicebot.rtp.codec.G722Tables.IHN;
import static dev.voicebot.rtp.codec.G722Tables.IHP;
import static dev.voicebot.rtp.codec.G722Tables.ILN;
import static dev.voicebot.rtp.codec.G722Tables.ILP;
import static dev.voicebot.rtp.codec.G722Tables.Q2;
import static dev.voicebot.rtp.codec.G722Tables.Q6;
import static dev.voicebot.rtp.codec.G722Tables.QM2;
import static dev.voicebot.rtp.codec.G722Tables.QM4;
import static dev.voicebot.rtp.codec.G722Tables.RH2;
import static dev.voicebot.rtp.codec.G722Tables.RL42;
import static dev.voicebot.rtp.codec.G722Tables.WH;
import static dev.voicebot.rtp.codec.G722Tables.WL;

/** G.722 SB-ADPCM encoder, 64 kbit/s mode: two 16 kHz samples in, one octet out. */
final class G722Encoder {

    private final G722Qmf qmf = new G722Qmf();
    private final G722Band lower = G722Band.lower();
    private final G722Band upper = G722Band.upper();

    /** Encodes {@code pairs} sample pairs from {@code in[off]} into as many octets. */
    void encode(short[] in, int off, int pairs, byte[] out, int outOff) {
        for (int n = 0; n < pairs; n++) {
            qmf.analyse(in[off + 2 * n], in[off + 2 * n + 1]);
            int il = encodeLower(qmf.low());
            int ih = encodeUpper(qmf.high());
            out[outOff + n] = (byte) (ih << 6 | il);
        }
    }

    void reset() {
        qmf.reset();
        lower.reset();
        upper.reset();
    }

    private int encodeLower(int xl) {
        int el = G722Band.sat16(xl - lower.estimate());
        int magnitude = el >= 0 ? el : ~el; // one's complement, as in the Recommendation
        int step = lower.step();
        int interval = 1;
        while (interval < 30 && magnitude >= (Q6[interval] * step) >> 12) {
            interval++;
        }
        int il = el < 0 ? ILN[interval] : ILP[interval];
        int il4 = il >> 2;
        lower.adapt((step * QM4[il4]) >> 15, WL[RL42[il4]]);
        return il;
    }

    private int encodeUpper(int xh) {
        int eh = G722Band.sat16(xh - upper.estimate());
        int magnitude = eh >= 0 ? eh : ~eh;
        int step = upper.step();
        int interval = magnitude >= (Q2 * step) >> 12 ? 2 : 1;
        int ih = eh < 0 ? IHN[interval] : IHP[interval];
        upper.adapt((step * QM2[ih]) >> 15, WH[RH2[ih]]);
        return ih;
    }
}
