package dev.voicebot.sip.access;

import java.net.InetAddress;

/**
 * The few facts about a request that access control looks at, lifted out of the SIP stack's types
 * so the rules can be tested without one.
 *
 * @param ofKnownCall the Call-ID belongs to a call we admitted (its BYE, CANCEL, ACK, re-INVITE)
 * @param proxyAuthorization the Proxy-Authorization value, or null
 */
public record RequestFacts(
    InetAddress source,
    String method,
    String requestUri,
    boolean ofKnownCall,
    String proxyAuthorization) {}
