/**
 * Blind transfer by REFER (RFC 3515, RFC 4488): the outcome the app gets, the check of the target
 * URI, and the parsing of the NOTIFY progress reports ({@code message/sipfrag} bodies and
 * Subscription-State). Sending the REFER and following its NOTIFYs is the user agent's job.
 */
package dev.voicebot.sip.transfer;
