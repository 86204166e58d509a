package dev.voicebot.rtp.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * jitsi-srtp's view of one of our packet arrays: it shrinks the length when it strips a tag and
 * appends when it adds one. The caller guarantees room for the tag, so a packet is transformed in
 * place and nothing is allocated per packet.
 */
final class PacketBuffer implements ByteArrayBuffer {

    private byte[] buffer;
    private int offset;
    private int length;

    /** Points this view at {@code length} bytes of {@code buffer} from index 0. */
    PacketBuffer wrap(byte[] buffer, int length) {
        this.buffer = buffer;
        this.offset = 0;
        this.length = length;
        return this;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("length out of range: " + length);
        }
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("offset out of range: " + offset);
        }
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] out) {
        System.arraycopy(buffer, offset + off, out, 0, len);
    }

    /** Only ever asked for the tag's room, which the caller reserved: no growth is needed. */
    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            throw new IllegalStateException("no room for " + howMuch + " more bytes");
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
