package dev.voicebot.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void decodesKnownUlawCodeWords() {
        assertThat(G711.ulawDecode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawDecode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711.ulawDecode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.ulawDecode((byte) 0x80)).isEqualTo((short) 32124);
    }

    @Test
    void decodesKnownAlawCodeWords() {
        assertThat(G711.alawDecode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawDecode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.alawDecode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawDecode((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void encodesSilenceToTheConventionalIdleCodes() {
        assertThat(G711.ulawEncode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.alawEncode((short) 0)).isEqualTo((byte) 0xD5);
    }

    @Test
    void reEncodingEveryDecodedCodeWordIsStable() {
        for (int code = 0; code < 256; code++) {
            short u = G711.ulawDecode((byte) code);
            assertThat(G711.ulawDecode(G711.ulawEncode(u))).as("ulaw %02x", code).isEqualTo(u);
            short a = G711.alawDecode((byte) code);
            assertThat(G711.alawEncode(a)).as("alaw %02x", code).isEqualTo((byte) code);
        }
    }

    @Test
    void roundTripErrorStaysWithinHalfAQuantizationStepForEverySample() {
        int worstUlaw = 0;
        int worstAlaw = 0;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            short x = (short) s;
            int eu = Math.abs(G711.ulawDecode(G711.ulawEncode(x)) - s);
            int ea = Math.abs(G711.alawDecode(G711.alawEncode(x)) - s);
            // Logarithmic companding: the step grows with amplitude, about 1/16 of it (~ -24 dB).
            int bound = 16 + Math.abs(s) / 16;
            assertThat(eu).as("ulaw error at %d", s).isLessThanOrEqualTo(Math.max(bound, 644));
            assertThat(ea).as("alaw error at %d", s).isLessThanOrEqualTo(bound);
            if (Math.abs(s) < 30000) {
                worstUlaw = Math.max(worstUlaw, eu);
                worstAlaw = Math.max(worstAlaw, ea);
            }
        }
        assertThat(worstUlaw).isLessThanOrEqualTo(1024);
        assertThat(worstAlaw).isLessThanOrEqualTo(1024);
    }

    @Test
    void codecsConvertWholeBuffersAtAnOffset() {
        AudioCodec pcmu = AudioCodecs.forFormat(PayloadFormat.PCMU);
        short[] pcm = {0, 1000, -1000, 32000, -32000};
        byte[] encoded = new byte[7];
        assertThat(pcmu.encode(pcm, 0, pcm.length, encoded, 2)).isEqualTo(5);
        short[] decoded = new short[6];
        assertThat(pcmu.decode(encoded, 2, 5, decoded, 1)).isEqualTo(5);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(Math.abs(decoded[i + 1] - pcm[i])).isLessThan(1100);
        }
        assertThat(AudioCodecs.forFormat(PayloadFormat.PCMA).format()).isEqualTo(PayloadFormat.PCMA);
    }

    @Test
    void rejectsUnsupportedFormats() {
        assertThatThrownBy(() -> AudioCodecs.forFormat(new PayloadFormat(3, "GSM", 8000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GSM");
        assertThatThrownBy(() -> AudioCodecs.forFormat(new PayloadFormat(0, "PCMU", 16000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
