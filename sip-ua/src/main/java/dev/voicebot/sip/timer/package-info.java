/**
 * Session timers (RFC 4028) as pure decisions: what a Session-Expires / Min-SE / Supported: timer
 * request asks for, whether we answer 422, who refreshes, and when to refresh or give up. The
 * scheduling and the SIP messages live in the user agent; keeping the rules here lets them be
 * proven without a network.
 */
package dev.voicebot.sip.timer;
