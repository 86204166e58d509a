package dev.voicebot.sip;

import dev.voicebot.sip.tls.TlsStackProperties;
import java.util.Properties;

/** JAIN-SIP settings, each one chosen against a failure measured on this stack. */
final class StackProperties {

  /** Enough for parsing and answering; app work runs elsewhere, so this bounds only SIP I/O. */
  static final int THREAD_POOL_SIZE = 8;

  /** Logger category of the stack's own messages (it warns about unused TLS defaults at start). */
  static final String LOGGER_NAME = "voicebot-sip-stack";

  private StackProperties() {}

  static Properties forConfig(SipConfig config) {
    Properties p = new Properties();
    // JAIN-SIP logs under the stack name: a fixed one lets the app set its level in one place.
    p.setProperty("javax.sip.STACK_NAME", LOGGER_NAME);
    // Dialogs give us 2xx retransmission until ACK and the DialogTimeoutEvent when it never comes.
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
    // Without it one slow listener call serializes every message of the stack.
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(THREAD_POOL_SIZE));
    // The NIO processor misbehaved under load here; the blocking one is proven.
    p.setProperty(
        "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
        "gov.nist.javax.sip.stack.OIOMessageProcessorFactory");
    // TLS 1.2/1.3 and strong suites on every stack: left unset, JAIN-SIP would enable TLS 1.0
    // and anonymous-DH suites on any TLS socket it opens.
    TlsStackProperties.restrictProtocols(p);
    config.tls().ifPresent(tls -> TlsStackProperties.apply(tls, p));
    // Bounds what a TCP peer can make us buffer for a single message.
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
    // Logging goes through log4j-over-slf4j; message bodies stay out of it by default.
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
    // The stack dumps unparseable datagrams in full at ERROR: the bridge cuts every line short.
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLogBridge.class.getName());
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    return p;
  }
}
