package dev.voicebot.rtp;

import dev.voicebot.rtp.aec.EchoCanceller;
import dev.voicebot.rtp.aec.EchoPassthrough;
import dev.voicebot.rtp.aec.EchoReport;
import dev.voicebot.rtp.aec.LineEchoState;
import dev.voicebot.rtp.aec.NoiseSuppressor;
import dev.voicebot.rtp.level.AutomaticGain;
import dev.voicebot.rtp.aec.SpeexDspUnavailableException;
import dev.voicebot.rtp.clock.MediaClock;
import dev.voicebot.rtp.clock.Tickable;
import dev.voicebot.rtp.codec.AudioCodec;
import dev.voicebot.rtp.codec.AudioCodecs;
import dev.voicebot.rtp.codec.PayloadFormat;
import dev.voicebot.rtp.dtmf.Rfc4733Receiver;
import dev.voicebot.rtp.dtmf.Rfc4733Sender;
import dev.voicebot.rtp.jitter.JitterBuffer;
import dev.voicebot.rtp.resample.Resampler;
import dev.voicebot.rtp.rtcp.ReceptionStatistics;
import dev.voicebot.rtp.rtcp.RtcpEndpoint;
import dev.voicebot.rtp.rtcp.RtcpReporter;
import dev.voicebot.rtp.rtcp.SenderInfo;
import dev.voicebot.rtp.rtp.RtpPacket;
import dev.voicebot.rtp.srtp.SrtpKeys;
import dev.voicebot.rtp.srtp.SrtpTransformer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP stream on one even local port; created by {@link RtpBridge#open()}.
 *
 * <p>Receiving runs on a virtual thread: it parses each datagram, counts and drops malformed
 * ones, latches onto the peer ({@link SourceLatch}: symmetric RTP, because NAT makes the SDP
 * address unreliable — the SDP's own address latches at once, any other source only after a
 * learning run of consecutive packets, so a stray or spoofed packet cannot capture the call),
 * sends where the latched source is, passes telephone-events to the DTMF receiver and queues
 * audio for the media clock.
 *
 * <p>Every media clock tick (20 ms) the session plays 20 ms of received audio to the listener and
 * sends one packet: the next 20 ms of queued speech or, when idle, encoded silence, because a
 * continuous stream keeps NAT bindings open and the peer's jitter buffer steady. Nothing on
 * either path allocates per packet except the JDK's source address on receive.
 *
 * <p>Each sent frame is also the far-end reference of the call's echo canceller, so the listener
 * hears the caller with the echo of the bot removed ({@link MediaListener#onRawAudioFrame} still
 * gets the unprocessed signal). RFC 4733 digits queued by {@link #sendDtmf} replace the audio
 * packets of the ticks they occupy. RTCP runs on the odd port above, on its own virtual threads.
 */
public final class RtpSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    static final int FRAME_16K = 320;
    private static final int FRAME_8K = 8000 / 50;
    private static final int MAX_DATAGRAM = 1500;
    /** 200 ms at 16 kHz: more than the jitter buffer moves playout at once while one stream plays. */
    private static final long MAX_PLAYOUT_SHIFT = 3200;
    /** The receive thread yields its carrier after this many back-to-back datagrams (a flood). */
    private static final int RECEIVE_BURST = 64;
    /** RFC 3389 comfort noise; static payload type 13 on 8000 Hz codecs. */
    public static final int COMFORT_NOISE_PAYLOAD_TYPE = 13;
    /** 60 s: generous for whole TTS replies, yet a runaway producer cannot exhaust the heap. */
    private static final long MAX_QUEUED_SAMPLES = 16_000L * 60;

    private final DatagramChannel channel;
    private final DatagramChannel rtcpChannel;
    private final MediaOptions defaultOptions;
    private final MediaClock clock;
    private final Consumer<RtpSession> onClose;
    private final RandomGenerator random;
    private final int localPort;
    private final Tickable ticker = new Tickable() {
        @Override
        public void send(long tickNanos) {
            sendPass(tickNanos);
        }

        @Override
        public void tick(long tickNanos) {
            receivePass();
        }
    };
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InboundQueue inbound = new InboundQueue(64, MAX_DATAGRAM);
    private final PlayoutQueue playout = new PlayoutQueue(MAX_QUEUED_SAMPLES);

    // Set by start(), before the receive thread starts and the clock sees the session.
    private MediaListener listener;
    private MediaOptions options;
    /**
     * The negotiated formats as of the last start or {@link #switchCodec}: what the receive thread
     * accepts. The media clock plays {@link #playing}, which follows at its next tick.
     */
    private volatile SessionFormats formats;
    /** A codec change waiting for the media clock: the only handoff between the threads. */
    private final AtomicReference<CodecSwitch> pendingSwitch = new AtomicReference<>();

    // Media clock thread (after start); volatile where other threads read them for statistics.
    private SessionFormats playing;
    /** The codec works on 16 kHz PCM itself (G.722, Opus): no resampling either way. */
    private volatile boolean wideband;
    private AudioCodec codec;
    private volatile JitterBuffer jitter;
    /** The next audio packet starts a new stream (another codec): it carries the marker bit. */
    private boolean formatChanged;
    private Rfc4733Receiver dtmf;
    private RtpPacketizer packetizer;
    private Thread receiver;
    private EchoCanceller echo = new EchoPassthrough();
    /** Null when noise suppression is off (or libspeexdsp is missing). */
    private NoiseSuppressor noise;
    /** Null when automatic gain is off. */
    private AutomaticGain gain;
    /** Media clock thread: what the listener was last told of the line's echo. */
    private LineEchoState lineEcho = LineEchoState.UNKNOWN;
    /**
     * Media clock thread: the jitter buffer's playout lag at the last frame it played, at 16 kHz,
     * or {@link Long#MIN_VALUE} for none (not started, another codec's buffer).
     */
    private long lastPlayoutLag = Long.MIN_VALUE;
    private volatile Rfc4733Sender dtmfSender;
    /** The negotiated codec's RTP clock rate (8000, or 48000 for Opus); set by start. */
    private volatile int clockRate = 8000;
    private volatile boolean sendingStopped;
    private volatile ReceptionStatistics reception = new ReceptionStatistics(8000);
    private RtcpEndpoint rtcp;
    /** SRTP for this call, or null for plain RTP; set once by start. */
    private SrtpTransformer srtp;

    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress pendingRemote;

    // Receive thread only.
    private final byte[] receiveBytes = new byte[MAX_DATAGRAM + 1]; // one more, to see oversized datagrams
    private final ByteBuffer receiveBuffer = ByteBuffer.wrap(receiveBytes);
    private final RtpPacket receivePacket = new RtpPacket();
    private final RtpPacket heldPacket = new RtpPacket();
    private final HeldPackets held = new HeldPackets(SourceLatch.LEARNING_RUN - 1, MAX_DATAGRAM);
    private SourceLatch latch;

    // Media clock thread only.
    private final RtpPacket tickPacket = new RtpPacket();
    private final Resampler upsampler = Resampler.upsample8kTo16k();
    private final Resampler downsampler = Resampler.downsample16kTo8k();
    private final short[] inbound8k = new short[FRAME_8K];
    private final short[] inbound16k = new short[FRAME_16K];
    private final short[] cleaned16k = new short[FRAME_16K];
    private final short[] outbound16k = new short[FRAME_16K];
    private final short[] outbound8k = new short[FRAME_8K];
    private boolean hearing;
    private boolean talking;
    private long talkingGeneration;
    private long sendFailures;

    // Single-writer counters.
    private volatile long packetsReceived;
    private volatile long packetsSent;
    private volatile long packetsMalformed;
    private volatile long packetsForeign;
    private volatile long dtmfDigits;
    private volatile long packetsOverflowed;
    private volatile long octetsSent;
    private volatile int playoutDelaySamples;
    /** Audio clock of the last tick: its RTP timestamp (high half) and its time in RTP units (low). */
    private volatile long lastTickClock;
    private long reportedPackets = -1;
    private final long createdNanos = System.nanoTime();

    RtpSession(DatagramChannel channel, DatagramChannel rtcpChannel, int localPort, MediaClock clock,
            Consumer<RtpSession> onClose, RandomGenerator random, MediaOptions defaultOptions) {
        this.channel = channel;
        this.rtcpChannel = rtcpChannel;
        this.defaultOptions = defaultOptions;
        this.localPort = localPort;
        this.clock = clock;
        this.onClose = onClose;
        this.random = random;
    }

    public int localPort() {
        return localPort;
    }

    /** The RTCP port: always {@link #localPort()} + 1. */
    public int rtcpPort() {
        return localPort + 1;
    }

    /** Starts with the bridge's default {@link MediaOptions}; see the five-argument form. */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            MediaListener listener) {
        start(remote, codec, telephoneEventPayloadType, listener, defaultOptions);
    }

    /**
     * Starts receiving and sending.
     *
     * @param remote                     the peer's RTP address from its SDP (replaced by the source
     *                                   of its first packet)
     * @param codec                      the negotiated audio format (PCMU, PCMA, G722 or opus)
     * @param telephoneEventPayloadType  the negotiated RFC 4733 payload type, or -1 for none
     * @param options                    echo cancellation, RTCP and DTMF settings for this call; if
     *                                   echo cancellation is asked for but libspeexdsp is missing,
     *                                   the call goes on without it and the error is logged
     * @throws IllegalArgumentException  if the codec is not supported
     * @throws IllegalStateException     if already started or closed
     */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            MediaListener listener, MediaOptions options) {
        start(remote, codec, telephoneEventPayloadType, -1, listener, options);
    }

    /**
     * Starts with the bridge's default {@link MediaOptions}, with SRTP when keys are given.
     *
     * @see #start(InetSocketAddress, PayloadFormat, int, int, MediaListener, MediaOptions, Optional)
     */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            MediaListener listener, Optional<SrtpKeys> srtp) {
        start(remote, codec, telephoneEventPayloadType, -1, listener, defaultOptions, srtp);
    }

    /**
     * Starts with the bridge's default {@link MediaOptions}, accepting RFC 3389 comfort noise and
     * with SRTP when keys are given.
     *
     * @see #start(InetSocketAddress, PayloadFormat, int, int, MediaListener, MediaOptions, Optional)
     */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            int comfortNoisePayloadType, MediaListener listener, Optional<SrtpKeys> srtp) {
        start(remote, codec, telephoneEventPayloadType, comfortNoisePayloadType, listener, defaultOptions,
                srtp);
    }

    /** Starts with the bridge's default {@link MediaOptions}, also accepting RFC 3389 comfort noise. */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            int comfortNoisePayloadType, MediaListener listener) {
        start(remote, codec, telephoneEventPayloadType, comfortNoisePayloadType, listener, defaultOptions);
    }

    /**
     * Starts receiving and sending.
     *
     * @param comfortNoisePayloadType  the negotiated RFC 3389 CN payload type (usually
     *                                 {@link #COMFORT_NOISE_PAYLOAD_TYPE}), or -1 for none
     * @param options                  echo cancellation, RTCP and DTMF settings for this call
     * @see #start(InetSocketAddress, PayloadFormat, int, MediaListener, MediaOptions)
     */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            int comfortNoisePayloadType, MediaListener listener, MediaOptions options) {
        start(remote, codec, telephoneEventPayloadType, comfortNoisePayloadType, listener, options,
                Optional.empty());
    }

    /**
     * Starts receiving and sending, with SRTP and SRTCP (RFC 3711) when keys are given: every packet
     * we send is encrypted and authenticated with our key, and every packet received must
     * authenticate under the peer's key and pass the replay check, or it is dropped and counted
     * as malformed (before it can move the latched source).
     *
     * @param srtp the keys negotiated by SDES, or empty for plain RTP
     * @see #start(InetSocketAddress, PayloadFormat, int, int, MediaListener, MediaOptions)
     */
    public void start(InetSocketAddress remote, PayloadFormat codec, int telephoneEventPayloadType,
            int comfortNoisePayloadType, MediaListener listener, MediaOptions options, Optional<SrtpKeys> srtp) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(srtp, "srtp");
        SessionFormats negotiated = new SessionFormats(codec, telephoneEventPayloadType, comfortNoisePayloadType);
        AudioCodec audioCodec = bridgedCodec(codec);
        if (closed.get()) {
            throw new IllegalStateException("session closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("session already started");
        }
        this.options = options;
        this.playing = negotiated;
        this.clockRate = codec.clockRate();
        this.reception = new ReceptionStatistics(codec.clockRate());
        this.wideband = audioCodec.sampleRate() != 8000;
        this.listener = listener;
        this.codec = audioCodec;
        this.jitter = new JitterBuffer(audioCodec, options.jitter());
        this.dtmf = new Rfc4733Receiver(this::deliverDigit);
        // 20 ms in RTP clock units: 160 for G.711 and G.722 (8000 Hz clock), 960 for Opus.
        this.packetizer = new RtpPacketizer(codec.payloadType(), codec.clockRate() / 50,
                MAX_DATAGRAM - RtpPacket.FIXED_HEADER_LENGTH, random);
        this.dtmfSender = new Rfc4733Sender(codec.clockRate() / 50, options.dtmfGap(), 32);
        this.echo = createEchoCanceller(options);
        this.noise = createNoiseSuppressor(options);
        this.gain = options.autoGain() ? new AutomaticGain() : null;
        this.remote = remote;
        this.latch = new SourceLatch(remote);
        this.srtp = srtp.map(SrtpTransformer::create).orElse(null);
        if (this.srtp != null) {
            this.srtp.prepareOutbound(packetizer.ssrc()); // here, not on the media clock's first tick
        }
        byte[] cname = new byte[12]; // RFC 7022: a random per-call CNAME reveals nothing about the host
        random.nextBytes(cname);
        this.rtcp = new RtcpEndpoint(rtcpChannel, localPort + 1,
                new RtcpReporter(packetizer.ssrc(), "voicebot-" + HexFormat.of().formatHex(cname), reception),
                this::senderInfo, options.rtcpInterval(), random, InstantSource.system(), this.srtp);
        this.formats = negotiated; // last: publishes everything above to switchCodec's thread
        this.receiver = Thread.ofVirtual().name("rtp-rx-" + localPort).start(this::receiveLoop);
        rtcp.start(rtcpAddress(remote));
        clock.register(ticker);
    }

    private static AudioCodec bridgedCodec(PayloadFormat format) {
        AudioCodec audioCodec = AudioCodecs.forFormat(format);
        if (audioCodec.sampleRate() != 8000 && audioCodec.sampleRate() != FRAME_16K * 50) {
            throw new IllegalArgumentException("only 8 and 16 kHz codecs are bridged: " + format);
        }
        return audioCodec;
    }

    /**
     * Switches to another negotiated codec mid-call (a re-INVITE dropped the current one). The
     * decoder, encoder, payload types, clock rate and packetization change together at the next
     * media clock tick, on a frame boundary: the first packet in the new format carries the marker
     * bit, and the caller's audio goes through a fresh jitter buffer, since its new stream shares
     * nothing with the old one. Sequence numbers and the SSRC run on; the timestamp runs on in
     * the new clock's units. Packets in the new format are accepted from now on, in the old one
     * no longer (a few may be lost in the crossover, as with any re-negotiation).
     *
     * @throws IllegalArgumentException if the codec is not supported or the payload types clash
     * @throws IllegalStateException    if the session is not started or closed
     */
    public void switchCodec(PayloadFormat codec, int telephoneEventPayloadType, int comfortNoisePayloadType) {
        SessionFormats next = new SessionFormats(codec, telephoneEventPayloadType, comfortNoisePayloadType);
        SessionFormats current = formats; // written last by start: what start set is visible after it
        if (current == null || closed.get()) {
            throw new IllegalStateException("session not running");
        }
        AudioCodec audioCodec = bridgedCodec(codec);
        // Built here, not on the media clock: the tick only swaps references.
        Rfc4733Sender sender = codec.clockRate() == current.audio().clockRate() ? null
                : new Rfc4733Sender(codec.clockRate() / 50, options.dtmfGap(), 32);
        pendingSwitch.set(new CodecSwitch(next, audioCodec, new JitterBuffer(audioCodec, options.jitter()), sender));
        formats = next; // after the handoff: a packet accepted in the new format finds it there
    }

    /** The audio codec the session sends and accepts (the latest, once {@link #switchCodec} was called). */
    public PayloadFormat codec() {
        SessionFormats f = formats;
        if (f == null) {
            throw new IllegalStateException("session not started");
        }
        return f.audio();
    }

    /** Media clock thread: takes over a codec change, if one is waiting. */
    private void applyCodecSwitch() {
        if (pendingSwitch.get() == null) {
            return;
        }
        CodecSwitch change = pendingSwitch.getAndSet(null);
        if (change == null) {
            return;
        }
        PayloadFormat format = change.formats().audio();
        playing = change.formats();
        codec = change.codec();
        jitter = change.jitter();
        wideband = change.codec().sampleRate() != 8000;
        lastPlayoutLag = Long.MIN_VALUE; // a new buffer's lag does not compare with the old one's
        packetizer.switchFormat(format.payloadType(), format.clockRate() / 50);
        if (change.dtmfSender() != null) {
            dtmfSender = change.dtmfSender(); // digits still queued at the old clock rate are dropped
        }
        clockRate = format.clockRate();
        reception.clockRateChanged(format.clockRate());
        formatChanged = true;
        log.info("port {}: switched to {}", localPort, format);
    }

    /** A codec change handed from the signalling thread to the media clock, built beforehand. */
    private record CodecSwitch(SessionFormats formats, AudioCodec codec, JitterBuffer jitter,
            Rfc4733Sender dtmfSender) {
    }

    private EchoCanceller createEchoCanceller(MediaOptions options) {
        try {
            return EchoCanceller.create(options.echo());
        } catch (SpeexDspUnavailableException e) {
            // A call without echo cancellation beats no call: go on, loudly.
            log.error("port {}: echo cancellation unavailable, caller audio is not cleaned: {}", localPort,
                    e.getMessage());
            return new EchoPassthrough();
        }
    }

    private NoiseSuppressor createNoiseSuppressor(MediaOptions options) {
        if (!options.noise().enabled()) {
            return null;
        }
        try {
            return new NoiseSuppressor(options.noise());
        } catch (SpeexDspUnavailableException e) {
            log.error("port {}: noise suppression unavailable, caller audio is not denoised: {}", localPort,
                    e.getMessage());
            return null;
        }
    }

    /**
     * Queues an RFC 4733 key press on the negotiated telephone-event payload type, sent after any
     * digits already queued. Audio packets pause while it is on the wire.
     *
     * @return false if 32 digits are already waiting
     * @throws IllegalArgumentException if {@code digit} is not 0-9 * # A-D
     * @throws IllegalStateException    if not started or no telephone-event was negotiated
     */
    public boolean sendDtmf(char digit, Duration duration) {
        Rfc4733Sender sender = dtmfSender;
        SessionFormats f = formats;
        if (sender == null || f == null || f.telephoneEvent() < 0) {
            throw new IllegalStateException("no telephone-event payload type negotiated on port " + localPort);
        }
        return sender.enqueue(digit, duration);
    }

    /** Whether RFC 4733 digits are queued or being sent. */
    public boolean isSendingDtmf() {
        Rfc4733Sender sender = dtmfSender;
        return sender != null && sender.isBusy();
    }

    /** Whether the caller's audio goes through the echo canceller. */
    public boolean isEchoCancelling() {
        return echo.isActive();
    }

    /** The measured echo delay and how much of the echo was removed so far. */
    public EchoReport echoReport() {
        return echo.report();
    }

    /** Loss, jitter, round trip and the E-model MOS estimate of the call so far. */
    public CallQuality quality() {
        RtcpEndpoint r = rtcp;
        double rtt = r == null ? Double.NaN : r.reporter().roundTripMillis();
        double remoteLoss = r == null ? Double.NaN : r.reporter().remoteLossPercent();
        return CallQuality.estimate(reception.lossPercent(), remoteLoss, reception.jitterMillis(), rtt,
                playoutDelaySamples * 1000.0 / (wideband ? 16000 : 8000));
    }

    /**
     * Queues 16 kHz mono audio of any length for sending, 20 ms per tick; the caller gives up the
     * array. Audio beyond the queue bound (60 s) is dropped with a warning.
     */
    public void play(short[] pcm16k) {
        Objects.requireNonNull(pcm16k, "pcm16k");
        if (!playout.offer(pcm16k)) {
            log.warn("port {}: playout queue full, dropped {} samples", localPort, pcm16k.length);
        }
    }

    /** Discards all queued audio at once: the next tick sends no queued speech. */
    public void clearPlayout() {
        playout.clear();
    }

    /**
     * Stops or resumes sending RTP, e.g. while the caller holds the call (its SDP says it will not
     * receive: sendonly or inactive). Receiving goes on; nothing queued is sent while stopped.
     */
    public void setSending(boolean sending) {
        this.sendingStopped = !sending;
    }

    /** Whether queued audio remains to be sent (false immediately after {@link #clearPlayout()}). */
    public boolean isPlaying() {
        return playout.hasPending();
    }

    public RtpStats stats() {
        JitterBuffer j = jitter;
        RtcpEndpoint r = rtcp;
        Rfc4733Sender d = dtmfSender;
        return new RtpStats(packetsReceived, packetsSent,
                j == null ? 0 : j.lost(),
                j == null ? 0 : j.late(),
                j == null ? 0 : j.duplicates(),
                packetsMalformed, packetsForeign, dtmfDigits,
                packetsOverflowed, d == null ? 0 : d.digitsSent(),
                r == null ? 0 : r.packetsSent(), r == null ? 0 : r.packetsReceived(),
                j == null ? 0 : j.targetDelayMillis(),
                j == null ? 0 : j.grows(),
                j == null ? 0 : j.shrinks());
    }

    /**
     * The peer moved (a re-INVITE with a new media address): send there now, and re-latch: at
     * once to packets from the new address, after a learning run to any other source except the
     * old one.
     */
    public void updateRemote(InetSocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        this.remote = remote;
        this.pendingRemote = remote;
        RtcpEndpoint r = rtcp;
        if (r != null) {
            r.updateRemote(rtcpAddress(remote));
        }
        echo.reset(); // a new far end means a new echo path
    }

    private static InetSocketAddress rtcpAddress(InetSocketAddress rtp) {
        return new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    /** Stops both directions and releases the port. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clock.unregister(ticker);
        try {
            channel.close(); // also wakes the receive thread with AsynchronousCloseException
        } catch (IOException e) {
            log.warn("port {}: closing the socket failed", localPort, e);
        }
        RtcpEndpoint r = rtcp;
        if (r != null) {
            r.close(); // says BYE
        } else {
            try {
                rtcpChannel.close();
            } catch (IOException e) {
                log.warn("port {}: closing the RTCP socket failed", localPort + 1, e);
            }
        }
        if (echo.isActive()) {
            log.info("port {}: {}", localPort, echo.report());
        }
        echo.close(); // waits for a frame in progress on the clock thread, then frees native state
        NoiseSuppressor n = noise;
        if (n != null) {
            n.close();
        }
        SrtpTransformer keys = srtp;
        if (keys != null) {
            keys.close(); // after the last tick: the master keys are zeroed
        }
        onClose.accept(this);
    }

    private void receiveLoop() {
        int burst = 0;
        while (!closed.get()) {
            if (++burst == RECEIVE_BURST) {
                // A flood never blocks in receive(): let other calls' receive threads have the carrier.
                burst = 0;
                Thread.yield();
            }
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(receiveBuffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                log.warn("port {}: receive failed", localPort, e);
                continue;
            }
            if (from != null) {
                try {
                    onDatagram(from, receiveBuffer.position());
                } catch (RuntimeException e) {
                    // A listener bug must not end the call's receive path.
                    log.error("port {}: handling a datagram failed", localPort, e);
                }
            }
        }
    }

    private void onDatagram(SocketAddress from, int length) {
        if (srtp != null && length <= MAX_DATAGRAM) {
            // Authenticate before anything reads the packet: a forged one must not latch or count.
            length = srtp.unprotectRtp(receiveBytes, length);
            if (length < 0) {
                packetsMalformed++;
                return;
            }
        }
        if (length > MAX_DATAGRAM || receivePacket.parse(receiveBytes, 0, length) != RtpPacket.Status.OK) {
            packetsMalformed++;
            return;
        }
        int pt = receivePacket.payloadType();
        SessionFormats accepted = formats;
        if (!accepted.isAudio(pt) && !accepted.isEvent(pt)) {
            packetsForeign++;
            return;
        }
        long arrival = System.nanoTime();
        InetSocketAddress moved = pendingRemote;
        if (moved != null) {
            pendingRemote = null;
            latch.expect(moved);
        }
        switch (latch.offer(from, receivePacket.ssrc(), receivePacket.sequenceNumber())) {
            case ACCEPT -> {
            }
            case LATCHED -> latchedTo(from);
            case ACCEPT_DISCARDING -> {
                packetsForeign += held.clear();
                latchedTo(from);
            }
            case LEARNED -> {
                latchedTo(from);
                for (int i = 0; i < held.size(); i++) {
                    if (heldPacket.parse(held.data(i), 0, held.length(i)) == RtpPacket.Status.OK) {
                        take(held.data(i), held.length(i), heldPacket, held.arrivalNanos(i), accepted);
                    }
                }
                held.clear();
            }
            case HOLD -> {
                held.add(receiveBytes, length, arrival);
                return;
            }
            case HOLD_AFRESH -> {
                packetsForeign += held.clear();
                held.add(receiveBytes, length, arrival);
                return;
            }
            case REJECT -> {
                packetsForeign++;
                return;
            }
        }
        take(receiveBytes, length, receivePacket, arrival, accepted);
    }

    /** A packet from the latched source: telephone-events to the DTMF receiver, audio to the clock. */
    private void take(byte[] data, int length, RtpPacket packet, long arrivalNanos, SessionFormats accepted) {
        boolean event = accepted.isEvent(packet.payloadType());
        reception.onPacket(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), arrivalNanos, !event);
        if (event) {
            if (dtmf.receive(packet.ssrc(), packet.timestamp(), data, packet.payloadOffset(), packet.payloadLength())) {
                packetsReceived++;
            } else {
                packetsMalformed++;
            }
            return;
        }
        packetsReceived++;
        if (!inbound.offer(data, 0, length)) {
            packetsOverflowed++;
        }
    }

    /** Sends where the latched source is, if that is not where the SDP said (NAT). */
    private void latchedTo(SocketAddress from) {
        if (from instanceof InetSocketAddress address && !address.equals(remote)) {
            log.debug("port {}: latched to {} (SDP said {})", localPort, address, remote);
            remote = address;
            rtcp.rtpPeerMoved(address);
        }
    }

    private void deliverDigit(char digit) {
        dtmfDigits++;
        listener.onDtmf(digit);
    }

    /** The clock's first pass: this period's packet, on the grid whatever inbound work follows. */
    private void sendPass(long tickNanos) {
        if (closed.get()) {
            return;
        }
        applyCodecSwitch(); // a format accepted since the last period is sent in from now
        sendTick(tickNanos);
    }

    /** The clock's second pass, after every session on the lane has sent. */
    private void receivePass() {
        if (closed.get()) {
            return;
        }
        try {
            receiveTick();
        } catch (RuntimeException e) {
            log.error("port {}: inbound frame handling failed", localPort, e);
        }
    }

    private void receiveTick() {
        applyCodecSwitch();
        while (!inbound.isEmpty()) {
            byte[] data = inbound.peekData();
            if (tickPacket.parse(data, 0, inbound.peekLength()) == RtpPacket.Status.OK) {
                int pt = tickPacket.payloadType();
                if (!playing.isAudio(pt)) {
                    applyCodecSwitch(); // accepted in a format handed over since this tick began
                }
                if (!playing.isAudio(pt)) {
                    // The old format, queued before a switch: its decoder is gone.
                } else if (pt == playing.comfortNoise()) {
                    jitter.pushComfortNoise(tickPacket.ssrc(), tickPacket.sequenceNumber(), tickPacket.timestamp(),
                            data, tickPacket.payloadOffset(), tickPacket.payloadLength());
                } else {
                    jitter.push(tickPacket.ssrc(), tickPacket.sequenceNumber(), tickPacket.timestamp(),
                            tickPacket.marker(), data, tickPacket.payloadOffset(), tickPacket.payloadLength());
                }
                hearing = true;
            }
            inbound.release();
        }
        if (!hearing) {
            return;
        }
        if (wideband) {
            jitter.pull(inbound16k, 0, FRAME_16K);
        } else {
            jitter.pull(inbound8k, 0, FRAME_8K);
            upsampler.process(inbound8k, 0, FRAME_8K, inbound16k, 0);
        }
        playoutDelaySamples = jitter.bufferedSamples();
        followPlayoutLag();
        try {
            listener.onRawAudioFrame(inbound16k);
        } catch (RuntimeException e) {
            log.error("port {}: listener failed on a raw frame", localPort, e);
        }
        // Against the frames sent so far, this period's too (sent in the clock's first pass): its
        // echo cannot be in this frame yet, and the canceller measures the delay from there.
        echo.capture(inbound16k, cleaned16k);
        NoiseSuppressor n = noise;
        if (n != null) {
            n.process(cleaned16k);
        }
        AutomaticGain g = gain;
        if (g != null) {
            g.process(cleaned16k, FRAME_16K);
        }
        LineEchoState echoNow = echo.lineEcho();
        if (echoNow != lineEcho) {
            lineEcho = echoNow;
            listener.onLineEcho(echoNow);
        }
        listener.onAudioFrame(cleaned16k);
    }

    /**
     * Tells the echo canceller when our jitter buffer moved playout (grew or dropped a frame, or
     * restarted a talkspurt at another depth): the bot's echo comes back later or sooner by
     * exactly that much. A jump beyond {@link #MAX_PLAYOUT_SHIFT} is a new timeline (the caller's
     * stream restarted), not a move of the same echo; the canceller measures the delay again.
     */
    private void followPlayoutLag() {
        long lag = jitter.playoutLag();
        if (lag == Long.MIN_VALUE) {
            return;
        }
        long lag16k = wideband ? lag : 2 * lag;
        long moved = lag16k - lastPlayoutLag;
        if (lastPlayoutLag != Long.MIN_VALUE && moved != 0 && Math.abs(moved) <= MAX_PLAYOUT_SHIFT) {
            echo.playoutShifted((int) moved);
        }
        lastPlayoutLag = lag16k;
    }

    private void sendTick(long tickNanos) {
        if (sendingStopped) {
            return;
        }
        int tickTimestamp = packetizer.timestamp();
        lastTickClock = ((long) tickTimestamp << 32) | (rtpUnitsSinceCreation(tickNanos) & 0xFFFFFFFFL);
        int telephoneEventPayloadType = playing.telephoneEvent();
        Rfc4733Sender dtmfSender = this.dtmfSender;
        if (telephoneEventPayloadType >= 0 && dtmfSender.tick(tickTimestamp)) {
            // RFC 4733 in place of audio: the playout queue waits, and the caller hears no bot audio
            // that could echo, so the canceller's reference for this tick is silence.
            int payload = dtmfSender.writePayload(packetizer.buffer(), packetizer.payloadOffset());
            send(packetizer.sealOther(telephoneEventPayloadType, dtmfSender.eventTimestamp(), payload,
                    dtmfSender.marker()));
            Arrays.fill(outbound16k, (short) 0);
            echo.playback(outbound16k);
            sent(outbound16k);
            return;
        }
        int speech = playout.fill(outbound16k);
        boolean newTalkspurt = speech > 0 && (!talking || playout.filledGeneration() != talkingGeneration);
        if (talking && (speech == 0 || newTalkspurt)) {
            // Only reachable after clearPlayout(): a spurt that drains normally ends below.
            talking = false;
            notifyDrained();
        }
        echo.playback(outbound16k); // the far-end reference: exactly what this tick sends
        sent(outbound16k);
        int payload;
        if (wideband) {
            payload = codec.encode(outbound16k, 0, FRAME_16K, packetizer.buffer(), packetizer.payloadOffset());
        } else {
            downsampler.process(outbound16k, 0, FRAME_16K, outbound8k, 0);
            payload = codec.encode(outbound8k, 0, FRAME_8K, packetizer.buffer(), packetizer.payloadOffset());
        }
        send(packetizer.seal(payload, newTalkspurt || formatChanged));
        formatChanged = false;
        if (newTalkspurt) {
            talking = true;
            talkingGeneration = playout.filledGeneration();
            notify(MediaListener::onPlayoutStarted);
        }
        if (talking && playout.isIdle()) {
            talking = false;
            notifyDrained();
        }
    }

    /** Tells the listener what this tick sends (for recordings); a listener bug must not stop sending. */
    private void sent(short[] frame16k) {
        try {
            listener.onSentAudioFrame(frame16k);
        } catch (RuntimeException e) {
            log.error("port {}: listener failed on a sent frame", localPort, e);
        }
    }

    private void send(ByteBuffer packet) {
        InetSocketAddress to = remote;
        int payload = packet.remaining() - RtpPacket.FIXED_HEADER_LENGTH;
        if (srtp != null) {
            // In place: the packetizer's buffer has room for the tag and is rewritten next tick.
            int length = srtp.protectRtp(packet.array(), packet.limit());
            if (length < 0) {
                sendFailures++;
                return;
            }
            packet.limit(length);
        }
        try {
            channel.send(packet, to);
            packetsSent++;
            octetsSent += payload;
        } catch (ClosedChannelException e) {
            // Closed between the tick's check and now: nothing to do.
        } catch (IOException e) {
            long f = ++sendFailures;
            if (Long.bitCount(f) == 1) {
                log.warn("port {}: sending to {} failed ({} failures so far)", localPort, to, f, e);
            }
        }
    }

    /** For an SR: our counters now, or null if nothing was sent since the previous report (then RR). */
    private SenderInfo senderInfo() {
        long sent = packetsSent;
        if (sent == 0 || sent == reportedPackets) {
            return null;
        }
        reportedPackets = sent;
        long tick = lastTickClock;
        long elapsed = (rtpUnitsSinceCreation(System.nanoTime()) - tick) & 0xFFFFFFFFL;
        int timestamp = (int) (tick >>> 32) + (int) elapsed;
        return new SenderInfo(timestamp, sent, octetsSent);
    }

    private long rtpUnitsSinceCreation(long nanos) {
        return (nanos - createdNanos) * clockRate / 1_000_000_000L;
    }

    private void notifyDrained() {
        notify(MediaListener::onPlayoutDrained);
    }

    private void notify(Consumer<MediaListener> callback) {
        try {
            callback.accept(listener);
        } catch (RuntimeException e) {
            log.error("port {}: listener failed", localPort, e);
        }
    }

    @Override
    public String toString() {
        return "RtpSession[port=" + localPort + ", remote=" + remote + "]";
    }
}
