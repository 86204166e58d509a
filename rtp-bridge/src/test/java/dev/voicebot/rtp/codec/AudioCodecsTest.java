package dev.voicebot.rtp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioCodecsTest {

    @Test
    void findsCodecsByNameCaseInsensitivelyAndKeepsTheNegotiatedPayloadType() {
        assertThat(AudioCodecs.forFormat(new PayloadFormat(0, "pcmu", 8000)).format().encodingName()).isEqualTo("PCMU");
        assertThat(AudioCodecs.forFormat(new PayloadFormat(8, "Pcma", 8000)).sampleRate()).isEqualTo(8000);
        AudioCodec g722 = AudioCodecs.forFormat(new PayloadFormat(9, "g722", 8000));
        assertThat(g722).isInstanceOf(G722Codec.class);
        assertThat(g722.sampleRate()).isEqualTo(16000);
        AudioCodec opus = AudioCodecs.forFormat(new PayloadFormat(96, "OPUS", 48000));
        assertThat(opus).isInstanceOf(OpusCodec.class);
        assertThat(opus.format().payloadType()).isEqualTo(96);
        assertThat(opus.sampleRate()).isEqualTo(16000);
        assertThat(AudioCodecs.forFormat(new PayloadFormat(100, "PCMU", 8000)).format().payloadType()).isEqualTo(100);
    }

    @Test
    void givesEachCallItsOwnStatefulCodec() {
        assertThat(AudioCodecs.forFormat(PayloadFormat.G722)).isNotSameAs(AudioCodecs.forFormat(PayloadFormat.G722));
        assertThat(AudioCodecs.forFormat(PayloadFormat.OPUS)).isNotSameAs(AudioCodecs.forFormat(PayloadFormat.OPUS));
        assertThat(AudioCodecs.forFormat(PayloadFormat.PCMU)).isSameAs(AudioCodecs.forFormat(PayloadFormat.PCMU));
    }

    @Test
    void rejectsWrongClockRatesAndUnknownNames() {
        assertThatThrownBy(() -> AudioCodecs.forFormat(new PayloadFormat(9, "G722", 16000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioCodecs.forFormat(new PayloadFormat(111, "opus", 16000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AudioCodecs.forFormat(new PayloadFormat(3, "GSM", 8000)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
