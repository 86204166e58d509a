package dev.voicebot.rtp;

import dev.voicebot.rtp.clock.MediaClock;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens RTP sessions on even ports of the configured range, each with its RTCP port (the odd
 * port above) reserved too, and closes them all on shutdown.
 *
 * <p>Port search continues after the last port handed out instead of restarting at the bottom of
 * the range, so a port just released by a finished call is the last to be reused and stray
 * packets of that call do not land in a new one.
 */
public final class RtpBridge implements AutoCloseable {

    private final RtpConfig config;
    private final MediaClock clock;
    private final MediaOptions defaultOptions;
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private int nextPortIndex;
    private boolean closed;

    public RtpBridge(RtpConfig config, MediaClock clock) {
        this(config, clock, MediaOptions.DEFAULTS);
    }

    /** @param defaultOptions what {@link RtpSession#start} uses when not given options */
    public RtpBridge(RtpConfig config, MediaClock clock, MediaOptions defaultOptions) {
        this.config = config;
        this.clock = clock;
        this.defaultOptions = defaultOptions;
    }

    /**
     * Binds a new session on a free even port whose odd neighbour (for RTCP) is free too.
     *
     * @throws IOException if no such pair is free in the range
     */
    public synchronized RtpSession open() throws IOException {
        if (closed) {
            throw new IllegalStateException("RTP bridge closed");
        }
        int evenPorts = (config.portMax() - config.portMin() + 1) / 2; // pairs: RTP even, RTCP odd
        for (int attempt = 0; attempt < evenPorts; attempt++) {
            int index = (nextPortIndex + attempt) % evenPorts;
            int port = config.portMin() + 2 * index;
            DatagramChannel channel = tryBind(port);
            if (channel == null) {
                continue;
            }
            DatagramChannel rtcpChannel = tryBind(port + 1);
            if (rtcpChannel == null) {
                channel.close();
                continue;
            }
            nextPortIndex = (index + 1) % evenPorts;
            RtpSession session = new RtpSession(channel, rtcpChannel, port, clock, sessions::remove, random,
                    defaultOptions);
            sessions.add(session);
            return session;
        }
        throw new IOException("no free even RTP port in " + config.portMin() + "-" + config.portMax()
                + " on " + config.bindAddress().getHostAddress() + " (" + sessions.size()
                + " sessions open in this bridge)");
    }

    public int activeSessions() {
        return sessions.size();
    }

    /** Closes every open session. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (RtpSession session : List.copyOf(sessions)) {
            session.close();
        }
    }

    private DatagramChannel tryBind(int port) throws IOException {
        StandardProtocolFamily family = config.bindAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.bind(new InetSocketAddress(config.bindAddress(), port));
            return channel;
        } catch (IOException busy) {
            channel.close();
            return null;
        }
    }
}
