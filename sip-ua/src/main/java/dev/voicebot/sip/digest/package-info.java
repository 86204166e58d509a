/**
 * HTTP/SIP digest authentication (RFC 2617, RFC 7616, RFC 8760): MD5 and SHA-256, with and
 * without {@code qop=auth}, for both sides: answering a registrar's challenge and challenging
 * callers we do not know by address.
 *
 * <p>Pure functions over strings: no SIP stack types, so every rule here is unit-tested against
 * the RFC example vectors. Nothing in this package logs, because its inputs are secrets.
 */
package dev.voicebot.sip.digest;
