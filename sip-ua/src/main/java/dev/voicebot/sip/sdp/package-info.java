/**
 * SDP offer/answer for audio calls (RFC 4566, RFC 3264): just the subset a telephony bot needs.
 *
 * <p>Hand-written rather than JAIN-SIP's javax.sdp because the answer rules (whose codec order wins,
 * echoing the offerer's telephone-event payload type, mirrored direction, 488 on no common codec)
 * are the part that breaks interop, and they are easier to prove on small immutable values.
 */
package dev.voicebot.sip.sdp;
