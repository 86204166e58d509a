package dev.voicebot.rtp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where RTP sessions bind.
 *
 * @param bindAddress local address for the UDP sockets
 * @param portMin     lowest RTP port, even (RTP takes even ports, RTCP the odd one above)
 * @param portMax     highest port of the range, inclusive
 */
public record RtpConfig(InetAddress bindAddress, int portMin, int portMax) {

    public RtpConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (portMin < 1024 || portMax > 65535) {
            throw new IllegalArgumentException("RTP ports must be within 1024..65535: " + portMin + "-" + portMax);
        }
        if (portMin % 2 != 0) {
            throw new IllegalArgumentException("RTP port range must start on an even port: " + portMin);
        }
        if (portMin >= portMax) {
            throw new IllegalArgumentException("RTP port range is empty: " + portMin + "-" + portMax);
        }
    }
}
