package dev.voicebot.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.rtp.clock.MediaClock;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class RtpBridgeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static int randomEvenBase() {
        return 20000 + 2 * ThreadLocalRandom.current().nextInt(15000);
    }

    @Test
    void opensSessionsOnEvenPortsSkippingBusyOnesUntilTheRangeIsExhausted() throws Exception {
        int base = randomEvenBase();
        try (MediaClock clock = new MediaClock();
                DatagramSocket squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, base + 2));
                RtpBridge bridge = new RtpBridge(new RtpConfig(LOOPBACK, base, base + 7), clock)) {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                int port = bridge.open().localPort();
                assertThat(port % 2).isZero();
                assertThat(port).isBetween(base, base + 7).isNotEqualTo(squatter.getLocalPort());
                ports.add(port);
            }
            assertThat(ports).hasSize(3);
            assertThat(bridge.activeSessions()).isEqualTo(3);
            assertThatThrownBy(bridge::open).isInstanceOf(IOException.class)
                    .hasMessageContaining("no free even RTP port in " + base + "-" + (base + 7));
            closeAll(bridge);
            assertThat(bridge.activeSessions()).isZero();
        }
    }

    private static void closeAll(RtpBridge bridge) {
        bridge.close(); // closing is idempotent, so the try-with-resources close is harmless
    }

    @Test
    void closingASessionReleasesItsPort() throws Exception {
        int base = randomEvenBase();
        try (MediaClock clock = new MediaClock();
                RtpBridge bridge = new RtpBridge(new RtpConfig(LOOPBACK, base, base + 1), clock)) {
            RtpSession session = bridge.open();
            int port = session.localPort();
            assertThat(port).isEqualTo(base);
            session.close();
            session.close(); // idempotent
            assertThat(bridge.activeSessions()).isZero();
            try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                assertThat(rebound.getLocalPort()).isEqualTo(port);
            }
            assertThat(bridge.open().localPort()).isEqualTo(port);
        }
    }
}
