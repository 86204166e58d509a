/**
 * Who may talk to the bot: address allowlists (CIDR, IPv4 and IPv6), an optional digest
 * challenge for callers outside them, and a per-source token-bucket rate limit.
 *
 * <p>Everything here runs on SIP listener threads for every request, so every check is O(1) or
 * O(allowlist entries), never blocks, and keeps bounded state whatever a scanner sends.
 */
package dev.voicebot.sip.access;
