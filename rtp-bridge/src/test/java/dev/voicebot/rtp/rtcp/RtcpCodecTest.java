package dev.voicebot.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtcpCodecTest {

    private static final ReportBlock BLOCK = new ReportBlock(0xCAFEBABE, 64, 1234, 0x0001_FFF0L, 77, 0x8000_1234L,
            0x0002_8000L);

    @Test
    void senderReportWithSdesIsLaidOutAsRfc3550Section6Says() {
        byte[] bytes = RtcpCodec.encode(List.of(
                new SenderReport(0x11223344, 0xE000_0001_8000_0000L, 0x55667788, 10, 1600, List.of(BLOCK)),
                SourceDescription.cname(0x11223344, "ab")));
        String hex = HexFormat.of().formatHex(bytes);
        assertThat(hex).isEqualTo(
                "81c8000c" + "11223344" + "e0000001" + "80000000" + "55667788" + "0000000a" + "00000640"
                        + "cafebabe" + "400004d2" + "0001fff0" + "0000004d" + "80001234" + "00028000"
                        // SDES: one chunk, CNAME "ab", null item, padded to 32 bits
                        + "81ca0003" + "11223344" + "01026162" + "00000000");
    }

    @Test
    void compoundPacketsRoundTrip() {
        List<RtcpPacket> compound = List.of(
                new ReceiverReport(7, List.of(BLOCK, new ReportBlock(8, 0, -5, 3, 0, 0, 0))),
                new SourceDescription(List.of(new SourceDescription.Chunk(7, "voicebot-xyz@host"),
                        new SourceDescription.Chunk(9, "caller"))),
                new Goodbye(List.of(7, 9), "call ended"));
        byte[] bytes = RtcpCodec.encode(compound);
        assertThat(bytes.length % 4).isZero();
        assertThat(RtcpCodec.parse(bytes, 0, bytes.length)).isEqualTo(compound);

        List<RtcpPacket> sr = List.of(new SenderReport(-1, -1L, -1, 0xFFFF_FFFFL, 0xFFFF_FFFFL, List.of()),
                SourceDescription.cname(-1, "x".repeat(255)), new Goodbye(List.of(-1), ""));
        byte[] srBytes = RtcpCodec.encode(sr);
        assertThat(RtcpCodec.parse(srBytes, 0, srBytes.length)).isEqualTo(sr);
    }

    @Test
    void parsesAtAnOffsetAndSkipsUnknownPacketTypes() {
        byte[] rr = RtcpCodec.encode(List.of(new ReceiverReport(1, List.of())));
        byte[] app = {(byte) 0x80, (byte) 204, 0, 2, 0, 0, 0, 1, 'n', 'a', 'm', 'e'}; // APP
        byte[] buf = new byte[3 + rr.length + app.length];
        System.arraycopy(rr, 0, buf, 3, rr.length);
        System.arraycopy(app, 0, buf, 3 + rr.length, app.length);
        assertThat(RtcpCodec.parse(buf, 3, rr.length + app.length)).containsExactly(new ReceiverReport(1, List.of()));
    }

    @Test
    void sdesItemsOtherThanCnameAreSkippedAndACnamelessChunkIsKept() {
        // chunk 1: NAME "al" then CNAME "c"; chunk 2: no items
        byte[] sdes = HexFormat.of().parseHex("82ca0005" + "00000001" + "0202616c" + "01016300"
                + "00000002" + "00000000");
        assertThat(RtcpCodec.parse(sdes, 0, sdes.length)).containsExactly(new SourceDescription(List.of(
                new SourceDescription.Chunk(1, "c"), new SourceDescription.Chunk(2, null))));
    }

    @Test
    void malformedInputIsRejectedWholeAndNeverThrows() {
        byte[] good = RtcpCodec.encode(List.of(new SenderReport(1, 2, 3, 4, 5, List.of(BLOCK)),
                SourceDescription.cname(1, "cname")));
        assertThat(RtcpCodec.parse(good, 0, good.length)).hasSize(2);

        byte[] badVersion = good.clone();
        badVersion[0] = (byte) (badVersion[0] & 0x3F | 0x40);
        byte[] lengthTooLong = good.clone();
        lengthTooLong[3] = 100;
        byte[] countBeyondLength = good.clone();
        countBeyondLength[0] = (byte) 0x85; // 5 report blocks in a packet sized for 1
        byte[] paddedFirst = good.clone();
        paddedFirst[0] |= 0x20;
        assertThat(RtcpCodec.parse(badVersion, 0, good.length)).isEmpty();
        assertThat(RtcpCodec.parse(lengthTooLong, 0, good.length)).isEmpty();
        assertThat(RtcpCodec.parse(countBeyondLength, 0, good.length)).isEmpty();
        assertThat(RtcpCodec.parse(paddedFirst, 0, good.length)).isEmpty();
        assertThat(RtcpCodec.parse(good, 0, good.length - 4)).isEmpty();
        assertThat(RtcpCodec.parse(good, 0, 2)).isEmpty();
        assertThat(RtcpCodec.parse(new byte[0], 0, 0)).isEmpty();
        assertThat(RtcpCodec.parse(null, 0, 8)).isEmpty();
        assertThat(RtcpCodec.parse(good, 4, good.length)).isEmpty();
        // SDES whose item runs past the packet
        byte[] sdes = HexFormat.of().parseHex("81ca0002" + "00000001" + "01206162" + "00000000");
        assertThat(RtcpCodec.parse(sdes, 0, sdes.length)).isEmpty();
        // BYE whose reason length runs past the packet
        byte[] bye = HexFormat.of().parseHex("81cb0002" + "00000001" + "09616263");
        assertThat(RtcpCodec.parse(bye, 0, bye.length)).isEmpty();

        // Fuzz: random bytes and random mutations of a good packet never throw.
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = i % 2 == 0 ? new byte[random.nextInt(0, 80)] : good.clone();
            if (i % 2 == 0) {
                random.nextBytes(b);
            } else {
                for (int k = 0; k < 3; k++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            RtcpCodec.parse(b, off, random.nextInt(0, b.length - off + 1));
            RtcpCodec.parse(b, 0, b.length);
        }
    }

    @Test
    void paddingOnTheLastPacketIsAccepted() {
        byte[] rr = RtcpCodec.encode(List.of(new ReceiverReport(1, List.of())));
        byte[] padded = Arrays.copyOf(rr, rr.length + 4);
        padded[0] |= 0x20;
        padded[3] += 1;
        padded[padded.length - 1] = 4;
        assertThat(RtcpCodec.parse(padded, 0, padded.length)).containsExactly(new ReceiverReport(1, List.of()));
    }
}
