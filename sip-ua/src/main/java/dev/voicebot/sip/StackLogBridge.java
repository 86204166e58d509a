package dev.voicebot.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's logger, bounded: the stack logs unparseable datagrams at ERROR with their full bytes
 * (a 64 KiB dump for a padded one) whatever its trace level, so a scanner could flood our logs.
 * Each line is cut to {@value #MAX_CHARS} characters on one line and goes to SLF4J under
 * {@value StackProperties#LOGGER_NAME}, where the app sets the level. Loaded by class name, hence
 * public with a no-argument constructor.
 */
public final class StackLogBridge implements StackLogger {

  static final int MAX_CHARS = 300;

  private static final Logger log = LoggerFactory.getLogger(StackProperties.LOGGER_NAME);

  private volatile boolean enabled = true;

  public StackLogBridge() {}

  private static String bounded(String message) {
    if (message == null) {
      return "";
    }
    String one = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) + "…" : message;
    return one.replace('\r', ' ').replace('\n', ' ');
  }

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int traceLevel) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    if (enabled) {
      log.warn("stack exception: {}", bounded(String.valueOf(ex)));
    }
  }

  @Override
  public void logDebug(String message) {
    if (enabled && log.isDebugEnabled()) {
      log.debug(bounded(message));
    }
  }

  @Override
  public void logDebug(String message, Exception ex) {
    logDebug(message + " " + ex);
  }

  @Override
  public void logTrace(String message) {
    if (enabled && log.isTraceEnabled()) {
      log.trace(bounded(message));
    }
  }

  @Override
  public void logFatalError(String message) {
    logError(message);
  }

  @Override
  public void logError(String message) {
    if (enabled) {
      log.error(bounded(message));
    }
  }

  @Override
  public void logError(String message, Exception ex) {
    if (enabled) {
      // No stack trace: the exceptions here come from peers' bytes, not from our bugs.
      log.error("{}: {}", bounded(message), bounded(String.valueOf(ex)));
    }
  }

  @Override
  public void logWarning(String message) {
    if (enabled) {
      log.warn(bounded(message));
    }
  }

  @Override
  public void logInfo(String message) {
    if (enabled) {
      log.info(bounded(message));
    }
  }

  @Override
  public boolean isLoggingEnabled() {
    return enabled;
  }

  @Override
  public boolean isLoggingEnabled(int level) {
    if (!enabled) {
      return false;
    }
    return switch (level) {
      case TRACE_FATAL, TRACE_ERROR -> log.isErrorEnabled();
      case TRACE_WARN -> log.isWarnEnabled();
      case TRACE_INFO -> log.isInfoEnabled();
      case TRACE_DEBUG -> log.isDebugEnabled();
      default -> log.isTraceEnabled();
    };
  }

  @Override
  public void disableLogging() {
    enabled = false;
  }

  @Override
  public void enableLogging() {
    enabled = true;
  }

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return StackProperties.LOGGER_NAME;
  }
}
