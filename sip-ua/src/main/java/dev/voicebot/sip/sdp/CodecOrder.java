package dev.voicebot.sip.sdp;

/**
 * Whose order picks the codec when an offer lists several we support (RFC 3264 section 6.1 lets
 * the answerer choose any of them).
 */
public enum CodecOrder {
  /**
   * The first offered codec we support: gateways list the codec they would otherwise transcode to
   * last, so the caller's first choice usually avoids a transcoding hop. The default.
   */
  CALLER,
  /**
   * Our preference list decides among the offered codecs (what LiveKit does): a trunk that offers
   * {@code PCMU G722} is answered with G.722 when the list says {@code [G722, PCMU]}, for the
   * wideband audio the speech recognizer prefers.
   */
  LOCAL
}
