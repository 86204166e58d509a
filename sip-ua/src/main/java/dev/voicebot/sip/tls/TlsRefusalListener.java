package dev.voicebot.sip.tls;

import javax.sip.ClientTransaction;

/**
 * Told when an outgoing TLS connection is refused after its handshake, with the transaction it
 * was opened for. JAIN-SIP itself only drops the request and lets the transaction time out, so
 * without this the sender would learn nothing but "no response".
 */
@FunctionalInterface
public interface TlsRefusalListener {

  void refused(ClientTransaction transaction, String reason);
}
