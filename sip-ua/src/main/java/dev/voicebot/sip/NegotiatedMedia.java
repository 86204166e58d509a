package dev.voicebot.sip;

import dev.voicebot.sip.sdp.SdesKeys;
import dev.voicebot.sip.sdp.SdpAgreement;
import dev.voicebot.sip.sdp.SdpNegotiator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the RTP side needs to know about a call.
 *
 * @param remoteRtp where to send RTP (from the caller's SDP; unresolved if it named a host)
 * @param codec the single codec in our answer
 * @param telephoneEventPayloadType the caller's RFC 4733 payload type, -1 if not offered
 * @param ptimeMs the packet time the caller asked to receive (its a=ptime, default 20); it may
 *     still send other sizes, the receive side must not assume 20
 * @param srtp SRTP master keys (SDES) when the call's media is RTP/SAVP: the RTP session must
 *     encrypt with the local key and decrypt with the remote one; empty for plain RTP
 */
public record NegotiatedMedia(
    InetSocketAddress remoteRtp,
    SdpCodec codec,
    int telephoneEventPayloadType,
    int ptimeMs,
    Optional<SdesKeys> srtp) {

  public NegotiatedMedia {
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(srtp, "srtp");
  }

  /** Plain RTP media. */
  public NegotiatedMedia(
      InetSocketAddress remoteRtp, SdpCodec codec, int telephoneEventPayloadType, int ptimeMs) {
    this(remoteRtp, codec, telephoneEventPayloadType, ptimeMs, Optional.empty());
  }

  /**
   * What the app needs from an agreement. A hold by c=0.0.0.0 names no destination, so the
   * previous one is kept: the app must not start sending to the unspecified address.
   *
   * @param previous what the app knew before, or null
   */
  static NegotiatedMedia from(SdpAgreement a, NegotiatedMedia previous) {
    InetSocketAddress remote =
        SdpNegotiator.isHoldAddress(a.remoteAddress()) && previous != null
            ? previous.remoteRtp()
            : remoteRtp(a.remoteAddress(), a.remotePort());
    return new NegotiatedMedia(
        remote,
        new SdpCodec(a.codec().payloadType(), a.codec().encoding(), a.codec().clockRate()),
        a.telephoneEvent().map(te -> te.payloadType()).orElse(-1),
        a.remotePtimeMs(),
        a.srtp());
  }

  /** Literal addresses only: resolving a host name here would block a listener thread. */
  private static InetSocketAddress remoteRtp(String address, int port) {
    try {
      return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    } catch (IllegalArgumentException e) {
      return InetSocketAddress.createUnresolved(address, port);
    }
  }
}
