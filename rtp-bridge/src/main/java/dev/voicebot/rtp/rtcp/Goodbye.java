package dev.voicebot.rtp.rtcp;

import java.util.List;

/** BYE (PT 203): the sources leave; {@code reason} may be empty. */
public record Goodbye(List<Integer> ssrcs, String reason) implements RtcpPacket {

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        reason = reason == null ? "" : reason;
        if (ssrcs.size() > MAX_COUNT) {
            throw new IllegalArgumentException("at most 31 sources");
        }
    }
}
