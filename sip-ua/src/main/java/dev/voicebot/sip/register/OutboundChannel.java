package dev.voicebot.sip.register;

import java.util.concurrent.CompletableFuture;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What registration needs from the running user agent: its factories, its own address, and a way
 * to send a request outside any dialog and get its final response back. Implemented next to the
 * SIP stack, which stays package-private there.
 */
public interface OutboundChannel {

  MessageFactory messageFactory();

  HeaderFactory headerFactory();

  AddressFactory addressFactory();

  /** Local address for Via headers (the listening address). */
  String viaHost();

  /** Address for Contact headers (the public address behind NAT). */
  String contactHost();

  /**
   * The port we listen on for {@code transport} ({@code udp}, {@code tcp} or {@code tls}): what
   * Via and Contact must carry, since TLS listens on a port of its own.
   */
  int port(String transport);

  String userAgent();

  String newCallId();

  /**
   * Sends a request in a new client transaction. Never blocks on the network: the future
   * completes with the first final response, or exceptionally on a transport error or the
   * transaction's timeout. Cancelling it forgets the transaction.
   */
  CompletableFuture<Response> send(Request request);
}
