/**
 * SIP over TLS (RFC 3261 section 26, RFC 5630): where the bot's certificate and the certificates
 * it trusts come from, which TLS versions and cipher suites it accepts, and whether it asks
 * clients for a certificate.
 *
 * <p>Everything is handed to JAIN-SIP as properties of the one stack, never as {@code javax.net.ssl}
 * system properties: two user agents in one JVM (tests, or a bot with two identities) keep
 * separate keys. Only TLS 1.2 and 1.3 with forward-secret AEAD suites are enabled.
 *
 * <p>Outgoing connections (TLS trunks, requests to TLS peers) check the server twice: its chain
 * against the trust store (JAIN-SIP), and its certificate's names against the host we meant to
 * reach ({@link dev.voicebot.sip.tls.ServerIdentityPolicy}, on unless configured off).
 */
package dev.voicebot.sip.tls;
