package dev.voicebot.rtp.rtcp;

import dev.voicebot.rtp.srtp.SrtpSuite;
import dev.voicebot.rtp.srtp.SrtpTransformer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTCP socket (the odd port above its RTP port): a virtual thread sends a compound
 * report every {@code interval} randomised to 0.5-1.5x (RFC 3550 §6.3.1, so the two ends do not
 * synchronise), another receives and digests the peer's. Like RTP it latches: it reports to
 * where the peer's RTCP comes from, and until then to the peer's RTP address with port + 1.
 */
public final class RtcpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtcpEndpoint.class);

    private final DatagramChannel channel;
    private final int localPort;
    private final RtcpReporter reporter;
    private final Supplier<SenderInfo> sender;
    private final Duration interval;
    private final RandomGenerator random;
    private final InstantSource wallClock;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Null for plain RTCP. */
    private final SrtpTransformer srtp;
    /** Room past the largest report for the SRTCP index and tag. */
    private final byte[] sendBytes = new byte[RtcpCodec.MAX_PACKET + SrtpSuite.SRTCP_OVERHEAD];

    private volatile InetSocketAddress remote;
    private volatile SocketAddress latched;
    private Thread sendThread;
    private Thread receiveThread;

    private volatile long packetsSent;
    private volatile long packetsReceived;
    private volatile long packetsMalformed;
    private volatile long packetsForeign;

    /**
     * @param sender our RTP stream's counters now, or null if we sent nothing since the last
     *               report (then an RR is sent instead of an SR)
     */
    public RtcpEndpoint(DatagramChannel channel, int localPort, RtcpReporter reporter, Supplier<SenderInfo> sender,
            Duration interval, RandomGenerator random, InstantSource wallClock) {
        this(channel, localPort, reporter, sender, interval, random, wallClock, null);
    }

    /**
     * @param srtp protects what we send and authenticates what we receive (SRTCP), or null for
     *             plain RTCP; a report that fails authentication counts as malformed
     */
    public RtcpEndpoint(DatagramChannel channel, int localPort, RtcpReporter reporter, Supplier<SenderInfo> sender,
            Duration interval, RandomGenerator random, InstantSource wallClock, SrtpTransformer srtp) {
        this.srtp = srtp;
        this.channel = channel;
        this.localPort = localPort;
        this.reporter = reporter;
        this.sender = sender;
        this.interval = interval;
        this.random = random;
        this.wallClock = wallClock;
    }

    public int localPort() {
        return localPort;
    }

    public RtcpReporter reporter() {
        return reporter;
    }

    /** Starts reporting to {@code remote} (until the peer's own RTCP says otherwise). */
    public void start(InetSocketAddress remote) {
        this.remote = Objects.requireNonNull(remote, "remote");
        if (!started.compareAndSet(false, true) || closed.get()) {
            throw new IllegalStateException("RTCP already started or closed");
        }
        receiveThread = Thread.ofVirtual().name("rtcp-rx-" + localPort).start(this::receiveLoop);
        sendThread = Thread.ofVirtual().name("rtcp-tx-" + localPort).start(this::sendLoop);
    }

    /** The peer's RTP moved (latching or a re-INVITE): follow it unless its RTCP already latched. */
    public void rtpPeerMoved(InetSocketAddress rtp) {
        if (latched == null) {
            remote = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        }
    }

    /** A re-INVITE moved the peer: report there and re-latch to its next RTCP. */
    public void updateRemote(InetSocketAddress rtcp) {
        latched = null;
        remote = rtcp;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long packetsMalformed() {
        return packetsMalformed;
    }

    public long packetsForeign() {
        return packetsForeign;
    }

    /** Sends a final report with BYE (best effort), then stops both threads and the socket. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (started.get()) {
            LockSupport.unpark(sendThread);
            synchronized (sendBytes) {
                send(reporter.buildGoodbye(sender.get(), ntpNow(), System.nanoTime(), "call ended"));
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("RTCP port {}: closing the socket failed", localPort, e);
        }
    }

    /** Sends one report now (for tests and for an immediate report after a change). */
    public void sendReport() {
        synchronized (sendBytes) {
            if (!closed.get()) {
                send(reporter.buildReport(sender.get(), ntpNow(), System.nanoTime()));
            }
        }
    }

    private void sendLoop() {
        // The first report comes after half an interval (RFC 3550 §6.3.1, "initial"), the rest
        // after a full one, each randomised so both ends do not report in lock step.
        double factor = 0.5;
        while (!closed.get()) {
            long waitNanos = (long) (interval.toNanos() * factor * (0.5 + random.nextDouble()));
            long deadline = System.nanoTime() + waitNanos;
            long left;
            while (!closed.get() && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            factor = 1;
            try {
                sendReport();
            } catch (RuntimeException e) {
                log.error("RTCP port {}: building a report failed", localPort, e);
            }
        }
    }

    private void send(List<RtcpPacket> compound) {
        InetSocketAddress to = remote;
        int len = RtcpCodec.encode(compound, sendBytes);
        if (srtp != null && (len = srtp.protectRtcp(sendBytes, len)) < 0) {
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(sendBytes, 0, len), to);
            packetsSent++;
        } catch (ClosedChannelException e) {
            // closed under us
        } catch (IOException e) {
            log.debug("RTCP port {}: sending to {} failed", localPort, to, e);
        }
    }

    private void receiveLoop() {
        byte[] bytes = new byte[RtcpCodec.MAX_PACKET + SrtpSuite.SRTCP_OVERHEAD + 1];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (!closed.get()) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                log.debug("RTCP port {}: receive failed", localPort, e);
                continue;
            }
            if (from == null) {
                continue;
            }
            int len = buffer.position();
            if (srtp != null && len <= RtcpCodec.MAX_PACKET + SrtpSuite.SRTCP_OVERHEAD) {
                len = srtp.unprotectRtcp(bytes, len); // before parsing or latching, like RTP
                if (len < 0) {
                    packetsMalformed++;
                    continue;
                }
            }
            List<RtcpPacket> packets = len > RtcpCodec.MAX_PACKET ? List.of() : RtcpCodec.parse(bytes, 0, len);
            if (packets.isEmpty()) {
                packetsMalformed++;
                continue;
            }
            SocketAddress source = latched;
            if (source == null) {
                latched = from;
                if (from instanceof InetSocketAddress address) {
                    remote = address;
                }
            } else if (!source.equals(from)) {
                packetsForeign++;
                continue;
            }
            packetsReceived++;
            try {
                reporter.onCompound(packets, ntpNow(), System.nanoTime());
            } catch (RuntimeException e) {
                log.error("RTCP port {}: handling a report failed", localPort, e);
            }
        }
    }

    private long ntpNow() {
        return NtpTime.fromInstant(wallClock.instant());
    }
}
