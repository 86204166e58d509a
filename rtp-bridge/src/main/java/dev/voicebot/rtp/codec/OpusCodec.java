package dev.voicebot.rtp.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.Objects;

/**
 * Opus (RFC 6716, RTP per RFC 7587) through Concentus, mono, at 16 kHz on both sides: the bot
 * pipeline runs at 16 kHz, so decoding straight to it costs less than decoding at 48 kHz and
 * resampling, and asking the peer for no more ({@code maxplaybackrate=16000}) saves its bits.
 *
 * <p>The RTP clock is always 48000 Hz, so 20 ms advances the timestamp by 960 while encode and
 * decode see 320 samples. Loss is concealed by the decoder itself ({@link #conceal}): the next
 * packet's in-band FEC when it is already here, else Opus PLC.
 *
 * <p>Stateful: one instance per call, used by one thread. Concentus allocates a little inside
 * each call; that is the price of the pure-Java port (see the per-frame costs in the report).
 */
public final class OpusCodec implements ConcealingCodec {

    /** The {@code a=rtpmap} encoding for Opus: always 48000 Hz and "2" channels (RFC 7587 §7). */
    public static final String RTPMAP_ENCODING = "opus/48000/2";
    /** What to put in {@code a=fmtp}: we play and capture at 16 kHz, want FEC, send 20 ms. */
    public static final String FMTP =
            "maxplaybackrate=16000;sprop-maxcapturerate=16000;useinbandfec=1;minptime=20";
    public static final int DEFAULT_PACKET_LOSS_PERCENT = 10;
    public static final int DEFAULT_BITRATE = 24_000;
    public static final int COMPLEXITY = 5;

    private static final int RATE = 16000;
    /** Opus frames come in multiples of 2.5 ms; PLC and FEC need whole ones. */
    private static final int GRANULE = RATE / 400;
    /** 120 ms, the longest Opus packet. */
    private static final int MAX_PACKET_SAMPLES = RATE * 120 / 1000;
    private static final int MAX_PAYLOAD = 1275;

    private final PayloadFormat format;
    private final OpusEncoder encoder;
    private final OpusDecoder decoder;

    private volatile long decodeErrors;
    private volatile long fecFrames;
    private volatile long plcFrames;

    /** Payload type 111, 10 % expected loss. */
    public OpusCodec() {
        this(PayloadFormat.OPUS, DEFAULT_PACKET_LOSS_PERCENT);
    }

    /**
     * @param format             the negotiated format (its payload type is used; clock must be 48000)
     * @param packetLossPercent  expected loss, 0..100: how much bit rate the encoder spends on FEC
     */
    public OpusCodec(PayloadFormat format, int packetLossPercent) {
        this.format = Objects.requireNonNull(format, "format");
        if (format.clockRate() != 48000) {
            throw new IllegalArgumentException("Opus always uses a 48000 Hz RTP clock: " + format);
        }
        if (packetLossPercent < 0 || packetLossPercent > 100) {
            throw new IllegalArgumentException("packet loss must be 0..100 %: " + packetLossPercent);
        }
        try {
            encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setComplexity(COMPLEXITY);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            encoder.setBitrate(DEFAULT_BITRATE);
            encoder.setUseInbandFEC(true);
            encoder.setPacketLossPercent(packetLossPercent);
            decoder = new OpusDecoder(RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus rejected a fixed configuration", e);
        }
    }

    @Override
    public PayloadFormat format() {
        return format;
    }

    @Override
    public int sampleRate() {
        return RATE;
    }

    /** Tells the encoder how much loss to protect against, e.g. from RTCP receiver reports. */
    public void setPacketLossPercent(int percent) {
        encoder.setPacketLossPercent(Math.clamp(percent, 0, 100));
    }

    @Override
    public int samplesIn(byte[] in, int off, int len) {
        if (len <= 0) {
            return -1;
        }
        try {
            int samples = OpusPacketInfo.getNumSamples(in, off, len, RATE);
            return samples > 0 && samples <= MAX_PACKET_SAMPLES ? samples : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] out, int outOff) {
        if (len <= 0) {
            decodeErrors++; // Concentus would silently run its PLC for an empty payload
            return -1;
        }
        try {
            return decoder.decode(in, off, len, out, outOff, Math.min(out.length - outOff, MAX_PACKET_SAMPLES), false);
        } catch (OpusException | RuntimeException e) {
            // Concentus reports some malformed packets with runtime exceptions (array bounds):
            // one bad packet from the network must cost one frame, not the receive path.
            decodeErrors++;
            return -1;
        }
    }

    @Override
    public int conceal(short[] out, int outOff, int samples, byte[] next, int nextOff, int nextLen) {
        int whole = samples - samples % GRANULE;
        int produced = 0;
        if (whole > 0) {
            try {
                if (next != null && nextLen > 0) {
                    // FEC decodes the redundancy the next packet carries for the audio before it;
                    // Opus falls back to PLC by itself when that packet has none.
                    produced = decoder.decode(next, nextOff, nextLen, out, outOff, whole, true);
                    fecFrames++;
                } else {
                    produced = decoder.decode(null, 0, 0, out, outOff, whole, false);
                    plcFrames++;
                }
            } catch (OpusException | RuntimeException e) {
                decodeErrors++;
                produced = 0;
            }
        }
        produced = Math.max(0, Math.min(produced, samples));
        java.util.Arrays.fill(out, outOff + produced, outOff + samples, (short) 0);
        return samples;
    }

    @Override
    public int encode(short[] in, int off, int len, byte[] out, int outOff) {
        try {
            return encoder.encode(in, off, len, out, outOff, Math.min(out.length - outOff, MAX_PAYLOAD));
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus cannot encode " + len + " samples at 16 kHz", e);
        }
    }

    /** Packets the decoder rejected (counted, never thrown). */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** Lost stretches rebuilt from the next packet's in-band FEC. */
    public long fecFrames() {
        return fecFrames;
    }

    /** Lost stretches filled by Opus packet loss concealment. */
    public long plcFrames() {
        return plcFrames;
    }
}
