package dev.voicebot.sip;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one call's handler callbacks in order, one at a time, on the shared virtual-thread
 * executor: the app sees onInvite, onEstablished, onEnded for a call without overlap.
 */
final class SerialExecutor implements Executor {

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final String callId;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean draining;

  SerialExecutor(Executor delegate, String callId) {
    this.delegate = delegate;
    this.callId = callId;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        draining = false;
        tasks.clear();
      }
      log.warn("call {}: callback dropped, user agent closed", callId);
    }
  }

  private void drain() {
    try (var _ = MDC.putCloseable("callId", callId)) {
      while (true) {
        Runnable next;
        synchronized (tasks) {
          next = tasks.poll();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          log.error("call handler failed", e);
        }
      }
    }
  }
}
