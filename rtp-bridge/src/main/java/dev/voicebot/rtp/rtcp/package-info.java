/**
 * RTCP (RFC 3550 §6) for one call: SR, RR, SDES CNAME and BYE packets in compound datagrams on
 * the odd port above the RTP port, reception statistics per Appendix A (loss, extended highest
 * sequence, interarrival jitter), round-trip time from the peer's LSR/DLSR, and an ITU-T G.107
 * E-model estimate of the call's quality.
 *
 * <p>RTCP runs on virtual threads and never on the media clock: a report every ~5 s is no reason
 * to put a socket write or a parse on the thread every call's audio depends on. Parsing never
 * throws: a malformed compound is dropped whole and counted.
 */
package dev.voicebot.rtp.rtcp;
