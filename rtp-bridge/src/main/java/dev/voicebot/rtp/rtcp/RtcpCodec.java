package dev.voicebot.rtp.rtcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads compound RTCP datagrams (RFC 3550 §6.1, §6.4-6.6).
 *
 * <p>{@link #parse} applies the validity checks of RFC 3550 Appendix A.2 that matter to a
 * two-party call (version 2, lengths that add up to the datagram, padding only on the last
 * packet) and rejects the whole datagram otherwise; it accepts reduced-size RTCP (RFC 5506)
 * that does not start with SR/RR, and skips packet types it does not know (APP, XR, feedback).
 */
public final class RtcpCodec {

    /** Larger than any compound we build (SR + 31 blocks + SDES + BYE is under 1 kB). */
    public static final int MAX_PACKET = 1500;

    private static final int HEADER = 4;

    private RtcpCodec() {
    }

    /**
     * Encodes {@code packets} as one compound datagram into {@code out} at 0; returns its length.
     *
     * @throws IllegalArgumentException  if a text item exceeds 255 bytes
     * @throws IndexOutOfBoundsException if {@code out} is too small
     */
    public static int encode(List<? extends RtcpPacket> packets, byte[] out) {
        int pos = 0;
        for (RtcpPacket p : packets) {
            pos = switch (p) {
                case SenderReport sr -> writeSr(sr, out, pos);
                case ReceiverReport rr -> writeRr(rr, out, pos);
                case SourceDescription sdes -> writeSdes(sdes, out, pos);
                case Goodbye bye -> writeBye(bye, out, pos);
            };
        }
        return pos;
    }

    /** Convenience for tests and one-off packets. */
    public static byte[] encode(List<? extends RtcpPacket> packets) {
        byte[] buf = new byte[MAX_PACKET];
        int len = encode(packets, buf);
        byte[] out = new byte[len];
        System.arraycopy(buf, 0, out, 0, len);
        return out;
    }

    /**
     * Parses a compound datagram. Never throws: returns an empty list if the datagram is not
     * valid RTCP (the caller counts it as malformed).
     */
    public static List<RtcpPacket> parse(byte[] data, int off, int len) {
        try {
            return parseCompound(data, off, len);
        } catch (RuntimeException e) {
            // Defensive: every read below is bounds-checked, but a parser facing the network must
            // not let a missed case take down the receive thread.
            return List.of();
        }
    }

    private static List<RtcpPacket> parseCompound(byte[] data, int off, int len) {
        if (data == null || off < 0 || len < HEADER || off + len > data.length || len % 4 != 0) {
            return List.of();
        }
        List<RtcpPacket> packets = new ArrayList<>(3);
        int pos = off;
        int end = off + len;
        while (pos < end) {
            if (end - pos < HEADER) {
                return List.of();
            }
            int b0 = data[pos] & 0xFF;
            if (b0 >>> 6 != RtcpPacket.VERSION) {
                return List.of();
            }
            boolean padding = (b0 & 0x20) != 0;
            int count = b0 & 0x1F;
            int pt = data[pos + 1] & 0xFF;
            int bytes = (readU16(data, pos + 2) + 1) * 4;
            if (bytes > end - pos) {
                return List.of();
            }
            int bodyEnd = pos + bytes;
            if (padding) {
                // Only the last packet of a compound may be padded (RFC 3550 A.2).
                int pad = data[bodyEnd - 1] & 0xFF;
                if (bodyEnd != end || pad == 0 || pad > bytes - HEADER) {
                    return List.of();
                }
                bodyEnd -= pad;
            }
            int body = pos + HEADER;
            RtcpPacket packet = switch (pt) {
                case RtcpPacket.PT_SR -> readSr(data, body, bodyEnd, count);
                case RtcpPacket.PT_RR -> readRr(data, body, bodyEnd, count);
                case RtcpPacket.PT_SDES -> readSdes(data, body, bodyEnd, count);
                case RtcpPacket.PT_BYE -> readBye(data, body, bodyEnd, count);
                default -> null; // APP, XR, RTPFB, PSFB...: not ours to interpret
            };
            boolean known = pt >= RtcpPacket.PT_SR && pt <= RtcpPacket.PT_BYE;
            if (known && packet == null) {
                return List.of();
            }
            if (packet != null) {
                packets.add(packet);
            }
            pos += bytes;
        }
        return packets;
    }

    private static SenderReport readSr(byte[] d, int pos, int end, int count) {
        if (end - pos < 24 + count * ReportBlock.LENGTH) {
            return null;
        }
        int ssrc = readI32(d, pos);
        long ntp = (readU32(d, pos + 4) << 32) | readU32(d, pos + 8);
        int rtpTs = readI32(d, pos + 12);
        long packets = readU32(d, pos + 16);
        long octets = readU32(d, pos + 20);
        return new SenderReport(ssrc, ntp, rtpTs, packets, octets, readBlocks(d, pos + 24, count));
    }

    private static ReceiverReport readRr(byte[] d, int pos, int end, int count) {
        if (end - pos < 4 + count * ReportBlock.LENGTH) {
            return null;
        }
        return new ReceiverReport(readI32(d, pos), readBlocks(d, pos + 4, count));
    }

    private static List<ReportBlock> readBlocks(byte[] d, int pos, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += ReportBlock.LENGTH) {
            int lost = (d[pos + 5] << 16) | ((d[pos + 6] & 0xFF) << 8) | (d[pos + 7] & 0xFF); // sign from d[pos+5]
            blocks.add(new ReportBlock(readI32(d, pos), d[pos + 4] & 0xFF, lost, readU32(d, pos + 8),
                    readU32(d, pos + 12), readU32(d, pos + 16), readU32(d, pos + 20)));
        }
        return blocks;
    }

    private static SourceDescription readSdes(byte[] d, int body, int end, int count) {
        int pos = body;
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            if (end - pos < 4) {
                return null;
            }
            int ssrc = readI32(d, pos);
            pos += 4;
            String cname = null;
            while (true) {
                if (pos >= end) {
                    return null; // a chunk must end with a null item
                }
                int type = d[pos] & 0xFF;
                if (type == 0) {
                    // The null item, then padding to the next 32-bit boundary of the packet.
                    pos += 4 - ((pos - body) & 3);
                    break;
                }
                if (end - pos < 2 || end - pos < 2 + (d[pos + 1] & 0xFF)) {
                    return null;
                }
                int itemLen = d[pos + 1] & 0xFF;
                if (type == SourceDescription.CNAME && cname == null) {
                    cname = new String(d, pos + 2, itemLen, StandardCharsets.UTF_8);
                }
                pos += 2 + itemLen;
            }
            if (pos > end) {
                return null;
            }
            chunks.add(new SourceDescription.Chunk(ssrc, cname));
        }
        return new SourceDescription(chunks);
    }

    private static Goodbye readBye(byte[] d, int pos, int end, int count) {
        if (end - pos < 4 * count) {
            return null;
        }
        List<Integer> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++, pos += 4) {
            ssrcs.add(readI32(d, pos));
        }
        String reason = "";
        if (pos < end) {
            int n = d[pos] & 0xFF;
            if (end - pos - 1 < n) {
                return null;
            }
            reason = new String(d, pos + 1, n, StandardCharsets.UTF_8);
        }
        return new Goodbye(ssrcs, reason);
    }

    private static int writeSr(SenderReport sr, byte[] out, int pos) {
        int start = pos;
        pos += HEADER;
        pos = writeI32(out, pos, sr.ssrc());
        pos = writeI32(out, pos, (int) (sr.ntpTimestamp() >>> 32));
        pos = writeI32(out, pos, (int) sr.ntpTimestamp());
        pos = writeI32(out, pos, sr.rtpTimestamp());
        pos = writeI32(out, pos, (int) sr.packetCount());
        pos = writeI32(out, pos, (int) sr.octetCount());
        pos = writeBlocks(sr.reports(), out, pos);
        return header(out, start, sr.reports().size(), RtcpPacket.PT_SR, pos);
    }

    private static int writeRr(ReceiverReport rr, byte[] out, int pos) {
        int start = pos;
        pos = writeI32(out, pos + HEADER, rr.ssrc());
        pos = writeBlocks(rr.reports(), out, pos);
        return header(out, start, rr.reports().size(), RtcpPacket.PT_RR, pos);
    }

    private static int writeBlocks(List<ReportBlock> blocks, byte[] out, int pos) {
        for (ReportBlock b : blocks) {
            pos = writeI32(out, pos, b.ssrc());
            pos = writeI32(out, pos, (b.fractionLost() << 24) | (b.cumulativeLost() & 0xFFFFFF));
            pos = writeI32(out, pos, (int) b.extendedHighestSeq());
            pos = writeI32(out, pos, (int) b.jitter());
            pos = writeI32(out, pos, (int) b.lastSr());
            pos = writeI32(out, pos, (int) b.delaySinceLastSr());
        }
        return pos;
    }

    private static int writeSdes(SourceDescription sdes, byte[] out, int pos) {
        int start = pos;
        pos += HEADER;
        for (SourceDescription.Chunk c : sdes.chunks()) {
            pos = writeI32(out, pos, c.ssrc());
            if (c.cname() != null) {
                pos = writeText(out, pos, SourceDescription.CNAME, c.cname());
            }
            // The null item ends the chunk; pad with zeros to the next 32-bit boundary.
            do {
                out[pos++] = 0;
            } while (pos % 4 != 0);
        }
        return header(out, start, sdes.chunks().size(), RtcpPacket.PT_SDES, pos);
    }

    private static int writeBye(Goodbye bye, byte[] out, int pos) {
        int start = pos;
        pos += HEADER;
        for (int ssrc : bye.ssrcs()) {
            pos = writeI32(out, pos, ssrc);
        }
        if (!bye.reason().isEmpty()) {
            byte[] text = utf8(bye.reason());
            out[pos++] = (byte) text.length;
            System.arraycopy(text, 0, out, pos, text.length);
            pos += text.length;
            while (pos % 4 != 0) {
                out[pos++] = 0;
            }
        }
        return header(out, start, bye.ssrcs().size(), RtcpPacket.PT_BYE, pos);
    }

    private static int writeText(byte[] out, int pos, int type, String value) {
        byte[] text = utf8(value);
        out[pos++] = (byte) type;
        out[pos++] = (byte) text.length;
        System.arraycopy(text, 0, out, pos, text.length);
        return pos + text.length;
    }

    private static byte[] utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("RTCP text items are at most 255 bytes: " + s);
        }
        return b;
    }

    /** Fills in the common header of the packet from {@code start} to {@code end}; returns end. */
    private static int header(byte[] out, int start, int count, int pt, int end) {
        out[start] = (byte) ((RtcpPacket.VERSION << 6) | count);
        out[start + 1] = (byte) pt;
        int words = (end - start) / 4 - 1;
        out[start + 2] = (byte) (words >>> 8);
        out[start + 3] = (byte) words;
        return end;
    }

    private static int readU16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int readI32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static long readU32(byte[] b, int i) {
        return readI32(b, i) & 0xFFFFFFFFL;
    }

    private static int writeI32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
        return i + 4;
    }
}
