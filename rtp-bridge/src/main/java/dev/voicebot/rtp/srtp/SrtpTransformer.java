package dev.voicebot.rtp.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.slf4j.LoggerFactory;

/**
 * Protects and unprotects one call's RTP and RTCP in place.
 *
 * <p>Four independent paths, each with its own contexts and buffer view, so each may run on its
 * own thread (RTP out on the media clock, RTP in on the receive thread, RTCP on its two threads)
 * without locking the others; any one path must be used by one thread at a time.
 *
 * <p>Inbound, a context is derived for each new SSRC the peer uses (a DTMF stream may bring its
 * own), but kept only once a packet of it authenticates: forged packets with random SSRCs cost a
 * key derivation each, never memory. At most {@value #MAX_STREAMS} inbound streams are kept.
 */
public final class SrtpTransformer implements AutoCloseable {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(SrtpTransformer.class);

    /** A call has one or two peer streams; more is a peer switching SSRCs, oldest forgotten. */
    static final int MAX_STREAMS = 8;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;

    private final SrtpSuite suite;
    private final SrtpContextFactory outbound;
    private final SrtpContextFactory inbound;
    private final Map<Integer, SrtpCryptoContext> rtpOut = streams();
    private final Map<Integer, SrtpCryptoContext> rtpIn = streams();
    private final Map<Integer, SrtcpCryptoContext> rtcpOut = streams();
    private final Map<Integer, SrtcpCryptoContext> rtcpIn = streams();
    private final PacketBuffer rtpOutView = new PacketBuffer();
    private final PacketBuffer rtpInView = new PacketBuffer();
    private final PacketBuffer rtcpOutView = new PacketBuffer();
    private final PacketBuffer rtcpInView = new PacketBuffer();

    private SrtpTransformer(SrtpSuite suite, SrtpContextFactory outbound, SrtpContextFactory inbound) {
        this.suite = suite;
        this.outbound = outbound;
        this.inbound = inbound;
    }

    public static SrtpTransformer create(SrtpKeys keys) {
        // Off: jitsi-srtp logs each replayed packet as SEVERE, so a replay flood would flood the
        // log too. Drops are counted by the caller instead.
        Logger jitsiLog = new LoggerImpl(SrtpTransformer.class.getName() + ".jitsi", Level.OFF);
        SrtpPolicy srtp = policy(keys.suite().srtpTagLength());
        SrtpPolicy srtcp = policy(SrtpSuite.SRTCP_TAG_LENGTH);
        byte[] local = keys.localKeyAndSalt();
        byte[] remote = keys.remoteKeyAndSalt();
        try {
            return new SrtpTransformer(keys.suite(),
                    new SrtpContextFactory(true, key(local), salt(local), srtp, srtcp, jitsiLog),
                    new SrtpContextFactory(false, key(remote), salt(remote), srtp, srtcp, jitsiLog));
        } finally {
            Arrays.fill(local, (byte) 0);
            Arrays.fill(remote, (byte) 0);
        }
    }

    /**
     * Derives the contexts for our own stream now, so the first packet sent does not pay for key
     * derivation (and, the first time in a JVM, jitsi-srtp's cipher benchmark, most of a second)
     * on the media clock thread.
     */
    public void prepareOutbound(int ssrc) {
        try {
            rtpOut.computeIfAbsent(ssrc, s -> derive(() -> deriveRtp(outbound, s)));
            rtcpOut.computeIfAbsent(ssrc, s -> derive(() -> deriveRtcp(outbound, s)));
        } catch (IllegalStateException e) {
            log.warn("SRTP: preparing the outbound stream failed: {}", e.getMessage());
        }
    }

    public SrtpSuite suite() {
        return suite;
    }

    /** Bytes {@link #protectRtp} adds: the caller's buffer must have this much room past the packet. */
    public int rtpOverhead() {
        return suite.srtpTagLength();
    }

    /** Bytes {@link #protectRtcp} adds. */
    public int rtcpOverhead() {
        return SrtpSuite.SRTCP_OVERHEAD;
    }

    /**
     * Encrypts and tags the RTP packet in {@code packet[0, length)}.
     *
     * @return the SRTP length, or -1 if it cannot be protected (not RTP; nothing must be sent)
     */
    public int protectRtp(byte[] packet, int length) {
        if (length < RTP_HEADER || length + rtpOverhead() > packet.length) {
            return -1;
        }
        int ssrc = readInt(packet, 8);
        try {
            SrtpCryptoContext c = rtpOut.get(ssrc);
            if (c == null) {
                c = deriveRtp(outbound, ssrc);
                rtpOut.put(ssrc, c);
            }
            return finish(c.transformPacket(rtpOutView.wrap(packet, length)), rtpOutView);
        } catch (GeneralSecurityException e) {
            log.warn("SRTP: protecting an RTP packet failed: {}", e.toString());
            return -1;
        }
    }

    /**
     * Authenticates, replay-checks and decrypts the SRTP packet in {@code packet[0, length)}.
     *
     * @return the plain RTP length, or -1 to drop it (forged, tampered, replayed or not SRTP)
     */
    public int unprotectRtp(byte[] packet, int length) {
        if (length < RTP_HEADER + rtpOverhead()) {
            return -1;
        }
        int ssrc = readInt(packet, 8);
        try {
            SrtpCryptoContext c = rtpIn.get(ssrc);
            boolean known = c != null;
            if (!known) {
                c = deriveRtp(inbound, ssrc);
            }
            int plain = finish(c.reverseTransformPacket(rtpInView.wrap(packet, length), false), rtpInView);
            if (plain >= 0 && !known) {
                rtpIn.put(ssrc, c);
            }
            return plain;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A garbled header can throw from deep inside the library: it is still just a bad packet.
            log.debug("SRTP: unprotecting an RTP packet failed: {}", e.toString());
            return -1;
        }
    }

    /**
     * Encrypts and tags the RTCP compound packet in {@code packet[0, length)}.
     *
     * @return the SRTCP length, or -1 if it cannot be protected
     */
    public int protectRtcp(byte[] packet, int length) {
        if (length < RTCP_HEADER || length + rtcpOverhead() > packet.length) {
            return -1;
        }
        int ssrc = readInt(packet, 4);
        try {
            SrtcpCryptoContext c = rtcpOut.get(ssrc);
            if (c == null) {
                c = deriveRtcp(outbound, ssrc);
                rtcpOut.put(ssrc, c);
            }
            return finish(c.transformPacket(rtcpOutView.wrap(packet, length)), rtcpOutView);
        } catch (GeneralSecurityException e) {
            log.warn("SRTP: protecting an RTCP packet failed: {}", e.toString());
            return -1;
        }
    }

    /**
     * Authenticates, replay-checks and decrypts the SRTCP packet in {@code packet[0, length)}.
     *
     * @return the plain RTCP length, or -1 to drop it
     */
    public int unprotectRtcp(byte[] packet, int length) {
        if (length < RTCP_HEADER + rtcpOverhead()) {
            return -1;
        }
        int ssrc = readInt(packet, 4);
        try {
            SrtcpCryptoContext c = rtcpIn.get(ssrc);
            boolean known = c != null;
            if (!known) {
                c = deriveRtcp(inbound, ssrc);
            }
            int plain = finish(c.reverseTransformPacket(rtcpInView.wrap(packet, length)), rtcpInView);
            if (plain >= 0 && !known) {
                rtcpIn.put(ssrc, c);
            }
            return plain;
        } catch (GeneralSecurityException | RuntimeException e) {
            log.debug("SRTP: unprotecting an RTCP packet failed: {}", e.toString());
            return -1;
        }
    }

    /** Forgets the master keys (jitsi-srtp zeroes its copies). */
    @Override
    public void close() {
        synchronized (outbound) {
            outbound.close();
        }
        synchronized (inbound) {
            inbound.close();
        }
    }

    @Override
    public String toString() {
        return "SrtpTransformer[" + suite + "]";
    }

    private static int finish(SrtpErrorStatus status, PacketBuffer view) {
        return status == SrtpErrorStatus.OK && view.getOffset() == 0 ? view.getLength() : -1;
    }

    /**
     * jitsi-srtp does not document its factory as thread-safe, and the RTP and RTCP threads of a
     * call may both derive from it at once. Derivation is rare (once per stream), so one lock per
     * factory costs nothing on the packet path.
     */
    private static SrtpCryptoContext deriveRtp(SrtpContextFactory factory, int ssrc)
            throws GeneralSecurityException {
        synchronized (factory) {
            return factory.deriveContext(ssrc, 0);
        }
    }

    private static SrtcpCryptoContext deriveRtcp(SrtpContextFactory factory, int ssrc)
            throws GeneralSecurityException {
        synchronized (factory) {
            return factory.deriveControlContext(ssrc);
        }
    }

    private interface Derivation<C> {
        C derive() throws GeneralSecurityException;
    }

    private static <C> C derive(Derivation<C> d) {
        try {
            return d.derive();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.toString(), e);
        }
    }

    private static SrtpPolicy policy(int tagLength) {
        SrtpPolicy p = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpSuite.KEY_LENGTH,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, tagLength, SrtpSuite.SALT_LENGTH);
        // Explicit, whatever the library's defaults: a replayed packet is dropped, not played twice.
        p.setReceiveReplayEnabled(true);
        return p;
    }

    private static byte[] key(byte[] keyAndSalt) {
        return Arrays.copyOfRange(keyAndSalt, 0, SrtpSuite.KEY_LENGTH);
    }

    private static byte[] salt(byte[] keyAndSalt) {
        return Arrays.copyOfRange(keyAndSalt, SrtpSuite.KEY_LENGTH, SrtpKeys.KEY_AND_SALT_LENGTH);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static <C extends BaseSrtpCryptoContext> Map<Integer, C> streams() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, C> eldest) {
                return size() > MAX_STREAMS;
            }
        };
    }
}
