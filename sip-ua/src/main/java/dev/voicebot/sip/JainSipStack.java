package dev.voicebot.sip;

import dev.voicebot.sip.tls.ServerIdentityPolicy;
import dev.voicebot.sip.tls.TlsKeyStores;
import dev.voicebot.sip.tls.TlsRefusalListener;
import dev.voicebot.sip.tls.TlsSettings;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
 *
 * <p>The stack is built on a thread of its own {@link ThreadGroup}, so every thread it spawns can
 * be found again: {@code SipStackImpl.stop()} flags its non-daemon "EventScannerThread" as stopped
 * but leaves it blocked on an empty queue forever, which keeps the JVM alive after a failed start
 * or a close. We interrupt it ourselves, touching only the threads of our own stack.
 */
final class JainSipStack implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JainSipStack.class);

  final SipStackImpl stack;
  final SipProvider provider;
  private final ThreadGroup threads;
  final MessageFactory messages = new MessageFactoryImpl();
  final HeaderFactory headers = new HeaderFactoryImpl();
  final AddressFactory addresses = new AddressFactoryImpl();

  private JainSipStack(SipStackImpl stack, SipProvider provider, ThreadGroup threads) {
    this.stack = stack;
    this.provider = provider;
    this.threads = threads;
  }

  /** Binds every transport and starts delivering to {@code listener}; all or nothing. */
  /** @param refusals told when an outgoing TLS connection fails the server identity check */
  static JainSipStack open(SipConfig config, SipListener listener, TlsRefusalListener refusals)
      throws SipStartException {
    ThreadGroup group = new ThreadGroup("voicebot-sip-" + config.port());
    FutureTask<JainSipStack> opening = new FutureTask<>(() -> openIn(group, config, listener, refusals));
    Thread.ofPlatform().group(group).name("voicebot-sip-start").start(opening);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return opening.get();
        } catch (InterruptedException e) {
          // Leaving now would orphan a stack that may be about to start; finish, then re-flag.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SipStartException s) {
        throw s;
      }
      throw new SipStartException("SIP stack failed to start: " + e.getCause(), e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static JainSipStack openIn(
      ThreadGroup group, SipConfig config, SipListener listener, TlsRefusalListener refusals)
      throws SipStartException {
    try {
      config.tls().ifPresent(TlsKeyStores::check);
    } catch (IllegalArgumentException e) {
      wakeEventScanner(group);
      throw new SipStartException(e.getMessage(), e);
    }
    SipStackImpl stack;
    try {
      stack = new SipStackImpl(StackProperties.forConfig(config));
    } catch (Exception e) {
      wakeEventScanner(group);
      throw new SipStartException("SIP stack could not be created: " + e.getMessage(), e);
    }
    config.tls().ifPresent(tls -> checkServerIdentity(stack, tls, refusals));
    List<ListeningPoint> points = new ArrayList<>();
    SipTransport binding = null;
    try {
      for (SipTransport t : config.transports()) {
        binding = t;
        points.add(
            stack.createListeningPoint(
                config.bindAddress(), config.portFor(t), t.name().toLowerCase(Locale.ROOT)));
      }
      binding = null;
      SipProvider provider = stack.createSipProvider(points.getFirst());
      for (ListeningPoint lp : points.subList(1, points.size())) {
        provider.addListeningPoint(lp);
      }
      provider.addSipListener(listener);
      stack.start();
      log.info(
          "SIP listening on {}:{} {}{}", config.bindAddress(), config.port(), config.transports(),
          config.tls().map(t -> ", TLS on port " + t.port()).orElse(""));
      return new JainSipStack(stack, provider, group);
    } catch (Exception e) {
      // A half-started stack keeps non-daemon threads (timer, UDP readers) alive: stop it all.
      stopQuietly(stack);
      wakeEventScanner(group);
      String what =
          binding == null
              ? "SIP stack failed to start"
              : "cannot listen on " + config.bindAddress() + ":" + config.portFor(binding) + "/" + binding
                  + " (port in use or address not local?)";
      throw new SipStartException(what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Outgoing TLS checks the server's name, not only its chain: JAIN-SIP's default policy accepts
   * any certificate the trust store vouches for, whoever it was issued to.
   */
  private static void checkServerIdentity(
      SipStackImpl stack, TlsSettings tls, TlsRefusalListener refusals) {
    if (tls.verifyHostname()) {
      stack.setTlsSecurityPolicy(new ServerIdentityPolicy(refusals));
    } else {
      log.warn("TLS host name verification is OFF: any certificate the trust store accepts passes "
          + "for any TLS peer or trunk. Only for lab peers whose certificates name no usable host.");
    }
  }

  @Override
  public void close() {
    stopQuietly(stack);
    wakeEventScanner(threads);
  }

  private static void wakeEventScanner(ThreadGroup group) {
    Thread[] all = new Thread[group.activeCount() + 8];
    int n = group.enumerate(all, true);
    for (int i = 0; i < n; i++) {
      if (all[i].getName().equals("EventScannerThread")) {
        all[i].interrupt();
      }
    }
  }

  /**
   * Stops the stack, retrying: right after start, UDPMessageProcessor.stop() can throw
   * ConcurrentModificationException while its reader threads are still registering, which aborts
   * stopStack() before the timer thread is cancelled. A second pass finishes the job.
   */
  private static void stopQuietly(SipStackImpl stack) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        stack.stop();
        return;
      } catch (RuntimeException e) {
        log.debug("SIP stack stop attempt {} failed: {}", attempt, e.toString());
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
    log.warn("SIP stack did not stop cleanly; some of its threads may linger");
  }
}
