package dev.voicebot.sip;

import dev.voicebot.sip.timer.SessionTimerDecision;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * One call's session timer (RFC 4028): a refresh deadline when we refresh, and always an expiry
 * deadline, both restarted by every successful refresh in either direction. The scheduler thread
 * only hands the firing to a virtual thread, which takes the call's lock; a generation number
 * tells the call whether the firing is still current, since a cancel can race the lock.
 *
 * <p>Not thread-safe: used under the owning call's lock.
 */
final class SessionTimer {

  /** Who refreshes, in the call's terms (the header's uac/uas depend on the transaction). */
  enum Role {
    US,
    PEER
  }

  private final ScheduledExecutorService scheduler;
  private final Executor work;
  private final LongConsumer refreshDue;
  private final LongConsumer expired;

  private SessionTimerDecision.On current;
  private Role refresher;
  private long generation;
  private ScheduledFuture<?> refreshTask;
  private ScheduledFuture<?> expiryTask;

  /**
   * @param refreshDue called with the generation when we should refresh
   * @param expired called with the generation when no refresh came in time
   */
  SessionTimer(
      ScheduledExecutorService scheduler, Executor work, LongConsumer refreshDue,
      LongConsumer expired) {
    this.scheduler = scheduler;
    this.work = work;
    this.refreshDue = refreshDue;
    this.expired = expired;
  }

  /** (Re)starts both deadlines from now: a refresh just succeeded or the call was answered. */
  void restart(SessionTimerDecision.On interval, Role role) {
    stop();
    current = interval;
    refresher = role;
    long gen = generation;
    if (role == Role.US) {
      refreshTask = schedule(interval.refreshAfter(), () -> refreshDue.accept(gen));
    }
    expiryTask = schedule(interval.expireAfter(), () -> expired.accept(gen));
  }

  /** Our refresh failed for a passing reason (491, 5xx): try again soon, expiry still applies. */
  void retryRefresh(Duration after) {
    if (current == null) {
      return;
    }
    long gen = generation;
    cancel(refreshTask);
    refreshTask = schedule(after, () -> refreshDue.accept(gen));
  }

  /** No timer any more: the peer stopped asking for one, or the call ended. */
  void stop() {
    generation++;
    cancel(refreshTask);
    cancel(expiryTask);
    refreshTask = null;
    expiryTask = null;
    current = null;
  }

  boolean isCurrent(long gen) {
    return current != null && gen == generation;
  }

  /** The interval in force, or null when no timer runs. */
  SessionTimerDecision.On interval() {
    return current;
  }

  Role refresher() {
    return refresher;
  }

  private ScheduledFuture<?> schedule(Duration after, Runnable action) {
    try {
      return scheduler.schedule(
          () -> {
            try {
              work.execute(action);
            } catch (RejectedExecutionException e) {
              // The user agent is closing: its shutdown ends the call.
            }
          },
          after.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }
}
