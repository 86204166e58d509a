package dev.voicebot.rtp.rtcp;

import java.util.List;
import java.util.Objects;

/**
 * SDES (PT 202). Only CNAME matters to us (RFC 3550 requires it in every compound); other items
 * are skipped when parsing.
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    public static final int CNAME = 1;

    /** @param cname the source's canonical name, at most 255 UTF-8 bytes; null if it sent none */
    public record Chunk(int ssrc, String cname) {
    }

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 chunks");
        }
    }

    public static SourceDescription cname(int ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, Objects.requireNonNull(cname, "cname"))));
    }
}
