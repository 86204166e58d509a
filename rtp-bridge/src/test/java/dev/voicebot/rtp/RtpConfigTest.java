package dev.voicebot.rtp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RtpConfigTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void acceptsAnEvenStartedRangeWithinUnprivilegedPorts() {
        assertThatCode(() -> new RtpConfig(LOOPBACK, 10000, 20000)).doesNotThrowAnyException();
        assertThatCode(() -> new RtpConfig(LOOPBACK, 1024, 65535)).doesNotThrowAnyException();
    }

    @Test
    void rejectsOddStartEmptyRangesAndPortsOutsideTheRange() {
        assertThatThrownBy(() -> new RtpConfig(LOOPBACK, 10001, 20000)).hasMessageContaining("even");
        assertThatThrownBy(() -> new RtpConfig(LOOPBACK, 20000, 20000)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new RtpConfig(LOOPBACK, 1022, 2000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpConfig(LOOPBACK, 60000, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpConfig(null, 10000, 20000)).isInstanceOf(NullPointerException.class);
    }
}
