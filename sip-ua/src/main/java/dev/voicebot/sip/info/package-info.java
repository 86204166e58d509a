/**
 * SIP INFO bodies (RFC 6086) that carry DTMF: {@code application/dtmf-relay} (Cisco style,
 * {@code Signal=5}) and {@code application/dtmf} (the bare digit). Parsing only; the user agent
 * answers the INFO and hands the digit to the app as the same event as an RFC 4733 digit.
 */
package dev.voicebot.sip.info;
