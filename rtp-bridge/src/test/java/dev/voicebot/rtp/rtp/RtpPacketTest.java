package dev.voicebot.rtp.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.rtp.RtpPacket.Status;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private final RtpPacket packet = new RtpPacket();

    @Test
    void writtenHeaderParsesBackWithPayloadBounds() {
        byte[] buf = new byte[12 + 160];
        int n = RtpPacket.writeHeader(buf, 0, true, 8, 65535, 0xFFFFFF60, 0xCAFEBABE);
        assertThat(n).isEqualTo(12);
        assertThat(packet.parse(buf, 0, buf.length)).isEqualTo(Status.OK);
        assertThat(packet.marker()).isTrue();
        assertThat(packet.payloadType()).isEqualTo(8);
        assertThat(packet.sequenceNumber()).isEqualTo(65535);
        assertThat(Integer.toUnsignedLong(packet.timestamp())).isEqualTo(0xFFFFFF60L);
        assertThat(packet.ssrc()).isEqualTo(0xCAFEBABE);
        assertThat(packet.payloadOffset()).isEqualTo(12);
        assertThat(packet.payloadLength()).isEqualTo(160);
    }

    @Test
    void skipsCsrcListExtensionAndPadding() {
        // V=2 P=1 X=1 CC=2, PT 0; 2 CSRCs; extension profile 0xBEDE with 1 word; 3 payload bytes; 4 padding.
        byte[] buf = {
                (byte) 0xB2, 0, 0, 7, 0, 0, 0, 9, 1, 2, 3, 4,
                0, 0, 0, 11, 0, 0, 0, 22,
                (byte) 0xBE, (byte) 0xDE, 0, 1, 9, 9, 9, 9,
                10, 20, 30,
                0, 0, 0, 4};
        assertThat(packet.parse(buf, 0, buf.length)).isEqualTo(Status.OK);
        assertThat(packet.csrcCount()).isEqualTo(2);
        assertThat(packet.csrc(1)).isEqualTo(22);
        assertThat(packet.hasExtension()).isTrue();
        assertThat(packet.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(packet.extensionLength()).isEqualTo(4);
        assertThat(packet.paddingLength()).isEqualTo(4);
        assertThat(packet.payloadOffset()).isEqualTo(28);
        assertThat(packet.payloadLength()).isEqualTo(3);
        assertThat(buf[packet.payloadOffset()]).isEqualTo((byte) 10);
    }

    @Test
    void parsesAtAnOffsetInsideALargerBuffer() {
        byte[] buf = new byte[5 + 12 + 2];
        RtpPacket.writeHeader(buf, 5, false, 0, 1, 2, 3);
        assertThat(packet.parse(buf, 5, 14)).isEqualTo(Status.OK);
        assertThat(packet.payloadOffset()).isEqualTo(17);
        assertThat(packet.payloadLength()).isEqualTo(2);
    }

    @Test
    void rejectsMalformedPackets() {
        byte[] ok = new byte[20];
        RtpPacket.writeHeader(ok, 0, false, 0, 1, 2, 3);

        assertThat(packet.parse(ok, 0, 11)).isEqualTo(Status.TOO_SHORT);

        byte[] v1 = ok.clone();
        v1[0] = (byte) 0x40;
        assertThat(packet.parse(v1, 0, v1.length)).isEqualTo(Status.BAD_VERSION);

        byte[] manyCsrc = ok.clone();
        manyCsrc[0] = (byte) 0x8F; // 15 CSRCs need 60 bytes
        assertThat(packet.parse(manyCsrc, 0, manyCsrc.length)).isEqualTo(Status.BAD_CSRC);

        byte[] longExt = new byte[16];
        RtpPacket.writeHeader(longExt, 0, false, 0, 1, 2, 3);
        longExt[0] = (byte) 0x90;
        longExt[14] = 0;
        longExt[15] = 5; // 20 bytes of extension that are not there
        assertThat(packet.parse(longExt, 0, longExt.length)).isEqualTo(Status.BAD_EXTENSION);

        byte[] padOverflow = ok.clone();
        padOverflow[0] = (byte) 0xA0;
        padOverflow[19] = 9; // only 8 bytes follow the header
        assertThat(packet.parse(padOverflow, 0, padOverflow.length)).isEqualTo(Status.BAD_PADDING);

        byte[] padZero = ok.clone();
        padZero[0] = (byte) 0xA0;
        padZero[19] = 0;
        assertThat(packet.parse(padZero, 0, padZero.length)).isEqualTo(Status.BAD_PADDING);
    }
}
