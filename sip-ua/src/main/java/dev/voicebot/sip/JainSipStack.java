package dev.voicebot.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running JAIN-SIP stack with its listening points and provider.
 *
 * <p>Built directly rather than through {@code SipFactory}, whose singleton caches stacks by name
 * and would leak one per user agent.
 */
final class JainSipStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JainSipStack.class);

  final SipStackImpl stack;
  final SipProvider provider;
  final MessageFactory messages = new MessageFactoryImpl();
  final HeaderFactory headers = new HeaderFactoryImpl();
  final AddressFactory addresses = new AddressFactoryImpl();

  private JainSipStack(SipStackImpl stack, SipProvider provider) {
    this.stack = stack;
    this.provider = provider;
  }

  /** Binds every transport and starts delivering to {@code listener}; all or nothing. */
  static JainSipStack open(SipConfig config, SipListener listener) throws SipStartException {
    SipStackImpl stack;
    try {
      stack = new SipStackImpl(StackProperties.forConfig(config));
    } catch (Exception e) {
      throw new SipStartException("SIP stack could not be created: " + e.getMessage(), e);
    }
    List<ListeningPoint> points = new ArrayList<>();
    SipTransport binding = null;
    try {
      for (SipTransport t : config.transports()) {
        binding = t;
        points.add(
            stack.createListeningPoint(
                config.bindAddress(), config.port(), t.name().toLowerCase(Locale.ROOT)));
      }
      binding = null;
      SipProvider provider = stack.createSipProvider(points.getFirst());
      for (ListeningPoint lp : points.subList(1, points.size())) {
        provider.addListeningPoint(lp);
      }
      provider.addSipListener(listener);
      stack.start();
      log.info(
          "SIP listening on {}:{} {}", config.bindAddress(), config.port(), config.transports());
      return new JainSipStack(stack, provider);
    } catch (Exception e) {
      // A half-started stack keeps non-daemon threads (timer, UDP readers) alive: stop it all.
      stopQuietly(stack);
      String what =
          binding == null
              ? "SIP stack failed to start"
              : "cannot listen on " + config.bindAddress() + ":" + config.port() + "/" + binding
                  + " (port in use or address not local?)";
      throw new SipStartException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    stopQuietly(stack);
  }

  private static void stopQuietly(SipStackImpl stack) {
    try {
      stack.stop();
    } catch (RuntimeException e) {
      log.warn("SIP stack stop failed", e);
    }
  }
}
