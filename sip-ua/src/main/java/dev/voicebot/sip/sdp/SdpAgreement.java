package dev.voicebot.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * What both sides will use, decided before the local RTP port exists (so a 488 costs no port).
 *
 * @param offer the offer being answered (its other m-lines are echoed as rejected)
 * @param mediaIndex which m-line of the offer carries the call's audio
 * @param remoteAddress where the caller wants our RTP (from its c=; may be a host name)
 * @param remotePort the caller's RTP port
 * @param codec the single voice codec we answer with
 * @param telephoneEvent the caller's RFC 4733 format at the codec's clock rate, if offered
 * @param remotePtimeMs the packet time the caller asked to receive (its a=ptime, default 20)
 * @param direction our direction: the offer's, mirrored (inactive for a c=0.0.0.0 hold)
 * @param srtp the SDES keys when the stream is {@code RTP/SAVP}; empty for plain RTP
 */
public record SdpAgreement(
    SdpOffer offer,
    int mediaIndex,
    String remoteAddress,
    int remotePort,
    RtpFormat codec,
    Optional<RtpFormat> telephoneEvent,
    int remotePtimeMs,
    MediaDirection direction,
    Optional<SdesKeys> srtp) {

  public SdpAgreement {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(telephoneEvent, "telephoneEvent");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(srtp, "srtp");
  }

  /** A plain RTP agreement. */
  public SdpAgreement(
      SdpOffer offer,
      int mediaIndex,
      String remoteAddress,
      int remotePort,
      RtpFormat codec,
      Optional<RtpFormat> telephoneEvent,
      int remotePtimeMs,
      MediaDirection direction) {
    this(offer, mediaIndex, remoteAddress, remotePort, codec, telephoneEvent, remotePtimeMs,
        direction, Optional.empty());
  }

  /**
   * The caller's direction, as the app needs it: {@code SENDONLY} or {@code INACTIVE} means the
   * caller put us on hold and hears nothing we send.
   */
  public MediaDirection callerDirection() {
    return direction.mirrored();
  }

  /** The same agreement answering with another direction (e.g. sendrecv in our own re-offer). */
  public SdpAgreement withDirection(MediaDirection newDirection) {
    return new SdpAgreement(
        offer, mediaIndex, remoteAddress, remotePort, codec, telephoneEvent, remotePtimeMs,
        newDirection, srtp);
  }
}
