package dev.voicebot.rtp;

import dev.voicebot.rtp.clock.MediaClock;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the session tests over 127.0.0.1 share: a real media clock, a bridge on a random port
 * range, a peer to talk to and a listener recording what the session delivers.
 */
abstract class LoopbackSessionFixture {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int TELEPHONE_EVENT = 101;

    MediaClock clock;
    RtpBridge bridge;
    RtpPeer peer;
    final RecordingListener listener = new RecordingListener();

    /** The options sessions start with unless a test gives others. */
    MediaOptions bridgeOptions() {
        return MediaOptions.DEFAULTS;
    }

    @BeforeEach
    void openBridge() throws Exception {
        clock = new MediaClock("test-media-clock");
        clock.start();
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(15000);
        bridge = new RtpBridge(new RtpConfig(LOOPBACK, base, base + 200), clock, bridgeOptions());
        peer = new RtpPeer();
    }

    @AfterEach
    void closeBridge() {
        bridge.close();
        clock.close();
        peer.close();
    }
}
