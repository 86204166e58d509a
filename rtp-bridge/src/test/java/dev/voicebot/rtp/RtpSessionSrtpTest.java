package dev.voicebot.rtp;

import static dev.voicebot.rtp.RtpPeer.await;
import static dev.voicebot.rtp.RtpPeer.rtp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.srtp.SrtpKeys;
import dev.voicebot.rtp.srtp.SrtpSuite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two SRTP sessions talking over 127.0.0.1 with the real media clock, and a plain peer that cannot. */
@Timeout(30)
class RtpSessionSrtpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final MediaOptions FAST_RTCP = MediaOptions.DEFAULTS.withRtcpInterval(Duration.ofMillis(200));

    private MediaClock clock;
    private RtpBridge bridge;
    private RtpPeer peer;

    @BeforeEach
    void setUp() throws Exception {
        clock = new MediaClock("test-media-clock");
        clock.start();
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(15000);
        bridge = new RtpBridge(new RtpConfig(LOOPBACK, base, base + 200), clock);
        peer = new RtpPeer();
    }

    @AfterEach
    void tearDown() throws Exception {
        bridge.close();
        clock.close();
        peer.close();
    }

    private static SrtpKeys randomKeys(SrtpSuite suite) {
        SecureRandom random = new SecureRandom();
        byte[] ours = new byte[SrtpKeys.KEY_AND_SALT_LENGTH];
        byte[] theirs = new byte[SrtpKeys.KEY_AND_SALT_LENGTH];
        random.nextBytes(ours);
        random.nextBytes(theirs);
        return new SrtpKeys(suite, ours, theirs);
    }

    private static short[] tone16k(double hz, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        return s;
    }

    @Test
    void audioAndRtcpFlowBetweenTwoSrtpSessionsBothWays() throws Exception {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        RtpSession a = bridge.open();
        RtpSession b = bridge.open();
        RecordingListener aHears = new RecordingListener();
        RecordingListener bHears = new RecordingListener();
        a.start(new InetSocketAddress(LOOPBACK, b.localPort()), PayloadFormat.PCMU, 101, -1, aHears, FAST_RTCP,
                Optional.of(keys));
        b.start(new InetSocketAddress(LOOPBACK, a.localPort()), PayloadFormat.PCMU, 101, -1, bHears, FAST_RTCP,
                Optional.of(keys.reversed()));
        a.play(tone16k(1000, 8000, 8000)); // 500 ms each way
        b.play(tone16k(600, 8000, 8000));
        assertThat(a.sendDtmf('7', Duration.ofMillis(100))).isTrue();
        await("both talkspurts to drain", () -> aHears.drained.get() == 1 && bHears.drained.get() == 1, 5000);
        await("a digit and SRTCP both ways",
                () -> !bHears.digits.isEmpty() && a.stats().rtcpReceived() >= 2 && b.stats().rtcpReceived() >= 2, 5000);
        Thread.sleep(100);

        for (var pair : List.of(List.of(a, aHears), List.of(b, bHears))) {
            RtpSession s = (RtpSession) pair.get(0);
            RecordingListener heard = (RecordingListener) pair.get(1);
            long voiced = heard.frames.stream().filter(f -> RecordingListener.rms(f) > 1000).count();
            assertThat(voiced).as("voiced frames heard on port %d", s.localPort()).isBetween(20L, 27L);
            assertThat(s.stats().packetsMalformed()).isZero();
        }
        // Only a's stream is gapless: b's jitter buffer counts the audio sequence numbers that a's
        // digit took as lost (the same with plain RTP).
        assertThat(a.stats().packetsLost()).isZero();
        assertThat(bHears.digits).containsExactly('7');
    }

    @Test
    void plainAndForgedPacketsAreDroppedAsMalformedAndDoNotLatch() throws Exception {
        SrtpKeys keys = randomKeys(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        RtpSession session = bridge.open();
        RecordingListener heard = new RecordingListener();
        session.start(peer.address(), PayloadFormat.PCMU, -1, -1, heard, MediaOptions.DEFAULTS, Optional.of(keys));
        byte[] loud = new byte[160]; // mu-law 0x00 is full scale
        for (int k = 0; k < 10; k++) {
            peer.send(session.localPort(), rtp(0, k == 0, 100 + k, 1000 + 160L * k, 0x1111, loud));
        }
        await("ten drops", () -> session.stats().packetsMalformed() == 10, 2000);
        await("our own SRTP keeps flowing to the SDP address", () -> peer.packets.size() >= 5, 2000);
        assertThat(session.stats().packetsReceived()).isZero();
        assertThat(heard.frames).isEmpty();
        // What we send is not plain PCMU silence (0xFF): it is encrypted, with the tag on the end.
        RtpPeer.Received sent = peer.packets.get(2);
        assertThat(sent.payload()).hasSize(160 + SrtpSuite.AES_CM_128_HMAC_SHA1_32.srtpTagLength());
    }
}
