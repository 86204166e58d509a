package dev.voicebot.rtp;

import dev.voicebot.rtp.rtcp.EModel;

/**
 * A call's network quality so far, from RTP reception and RTCP reports.
 *
 * @param lossPercent       packets from the peer lost over the call
 * @param remoteLossPercent loss the peer reports for our stream (latest RTCP interval), NaN
 *                          before its first report
 * @param jitterMillis      interarrival jitter of the peer's stream (RFC 3550 A.8)
 * @param roundTripMillis   round-trip time from RTCP LSR/DLSR, NaN until measured
 * @param oneWayDelayMillis estimated mouth-to-ear delay: half the round trip (0 while unknown)
 *                          plus our jitter buffer's current delay
 * @param rFactor           ITU-T G.107 transmission rating for G.711 with PLC, from the delay
 *                          and the worse of the two loss figures
 * @param mos               the mean opinion score the R factor predicts, 1-4.5
 */
public record CallQuality(double lossPercent, double remoteLossPercent, double jitterMillis, double roundTripMillis,
        double oneWayDelayMillis, double rFactor, double mos) {

    static CallQuality estimate(double lossPercent, double remoteLossPercent, double jitterMillis,
            double roundTripMillis, double jitterBufferMillis) {
        double delay = (Double.isNaN(roundTripMillis) ? 0 : roundTripMillis / 2) + jitterBufferMillis;
        double loss = Double.isNaN(remoteLossPercent) ? lossPercent : Math.max(lossPercent, remoteLossPercent);
        double r = EModel.rFactor(delay, loss);
        return new CallQuality(lossPercent, remoteLossPercent, jitterMillis, roundTripMillis, delay, r, EModel.mos(r));
    }
}
