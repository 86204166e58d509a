package dev.voicebot.rtp;

import static org.assertj.core.api.Assertions.fail;

import dev.voicebot.rtp.rtp.RtpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A plain UDP socket on 127.0.0.1 that plays the far end and records every RTP packet it gets. */
final class RtpPeer implements AutoCloseable {

    record Received(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, byte[] payload,
            long arrivalNanos) {
    }

    private final DatagramSocket socket;
    private final Thread reader;
    final List<Received> packets = new CopyOnWriteArrayList<>();

    RtpPeer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = Thread.ofPlatform().daemon().name("rtp-peer-" + socket.getLocalPort()).start(this::read);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(int port, byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    static byte[] rtp(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, byte[] payload) {
        byte[] b = new byte[12 + payload.length];
        RtpPacket.writeHeader(b, 0, marker, payloadType, sequence & 0xFFFF, (int) timestamp, ssrc);
        System.arraycopy(payload, 0, b, 12, payload.length);
        return b;
    }

    static void await(String what, BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private void read() {
        byte[] buf = new byte[2048];
        RtpPacket p = new RtpPacket();
        while (!socket.isClosed()) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(d);
            } catch (IOException e) {
                return;
            }
            if (p.parse(buf, 0, d.getLength()) == RtpPacket.Status.OK) {
                packets.add(new Received(p.payloadType(), p.marker(), p.sequenceNumber(),
                        Integer.toUnsignedLong(p.timestamp()), p.ssrc(),
                        Arrays.copyOfRange(buf, p.payloadOffset(), p.payloadOffset() + p.payloadLength()),
                        System.nanoTime()));
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
