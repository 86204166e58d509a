package dev.voicebot.rtp.rtp;

/**
 * A reusable view of one RTP packet (RFC 3550 §5.1). {@link #parse} fills the fields from a
 * datagram without copying its payload, so one instance per receive loop parses every packet
 * without allocation. Not thread-safe.
 */
public final class RtpPacket {

    public static final int VERSION = 2;
    public static final int FIXED_HEADER_LENGTH = 12;

    /** Outcome of {@link #parse}; everything but {@link #OK} means "count and drop". */
    public enum Status {
        OK, TOO_SHORT, BAD_VERSION, BAD_CSRC, BAD_EXTENSION, BAD_PADDING
    }

    private byte[] buffer;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private int timestamp;
    private int ssrc;
    private int csrcCount;
    private int csrcOffset;
    private boolean hasExtension;
    private int extensionProfile;
    private int extensionOffset;
    private int extensionLength;
    private int payloadOffset;
    private int payloadLength;
    private int paddingLength;

    /**
     * Parses {@code len} bytes at {@code off}. On any status but {@link Status#OK} the fields are
     * unspecified.
     */
    public Status parse(byte[] data, int off, int len) {
        if (len < FIXED_HEADER_LENGTH) {
            return Status.TOO_SHORT;
        }
        int b0 = data[off] & 0xFF;
        if (b0 >>> 6 != VERSION) {
            return Status.BAD_VERSION;
        }
        boolean padding = (b0 & 0x20) != 0;
        hasExtension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = data[off + 1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequenceNumber = readU16(data, off + 2);
        timestamp = readI32(data, off + 4);
        ssrc = readI32(data, off + 8);

        int pos = off + FIXED_HEADER_LENGTH;
        int end = off + len;
        csrcOffset = pos;
        pos += 4 * csrcCount;
        if (pos > end) {
            return Status.BAD_CSRC;
        }
        if (hasExtension) {
            if (pos + 4 > end) {
                return Status.BAD_EXTENSION;
            }
            extensionProfile = readU16(data, pos);
            extensionLength = 4 * readU16(data, pos + 2);
            extensionOffset = pos + 4;
            pos = extensionOffset + extensionLength;
            if (pos > end) {
                return Status.BAD_EXTENSION;
            }
        } else {
            extensionProfile = 0;
            extensionOffset = pos;
            extensionLength = 0;
        }
        paddingLength = 0;
        if (padding) {
            // The last octet counts itself, so a padding length of 0 is as invalid as an overflow.
            paddingLength = data[end - 1] & 0xFF;
            if (paddingLength == 0 || paddingLength > end - pos) {
                return Status.BAD_PADDING;
            }
        }
        buffer = data;
        payloadOffset = pos;
        payloadLength = end - pos - paddingLength;
        return Status.OK;
    }

    /**
     * Writes a 12-byte header without CSRCs, extension or padding; returns its length.
     */
    public static int writeHeader(byte[] out, int off, boolean marker, int payloadType,
            int sequenceNumber, int timestamp, int ssrc) {
        out[off] = (byte) (VERSION << 6);
        out[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[off + 2] = (byte) (sequenceNumber >>> 8);
        out[off + 3] = (byte) sequenceNumber;
        writeI32(out, off + 4, timestamp);
        writeI32(out, off + 8, ssrc);
        return FIXED_HEADER_LENGTH;
    }

    public byte[] buffer() {
        return buffer;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit timestamp; unsigned on the wire, use {@link Integer#toUnsignedLong} to widen. */
    public int timestamp() {
        return timestamp;
    }

    public int ssrc() {
        return ssrc;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public int csrc(int index) {
        if (index < 0 || index >= csrcCount) {
            throw new IndexOutOfBoundsException(index);
        }
        return readI32(buffer, csrcOffset + 4 * index);
    }

    public boolean hasExtension() {
        return hasExtension;
    }

    public int extensionProfile() {
        return extensionProfile;
    }

    public int extensionOffset() {
        return extensionOffset;
    }

    /** Extension body length in bytes (excluding its 4-byte header). */
    public int extensionLength() {
        return extensionLength;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    public int paddingLength() {
        return paddingLength;
    }

    private static int readU16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int readI32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static void writeI32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
