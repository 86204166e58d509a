package dev.voicebot.pipeline.conversation;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a per-call lane for a
 * stateful, non-thread-safe engine stream (STT) or for in-order synthesis (TTS). Each task is a
 * separate pool submission, so a call's long queue cannot starve other calls. Consecutive tasks
 * happen-before each other, so lane-confined state needs no locks.
 */
final class SerialExecutor implements Executor {

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    scheduleNext();
  }

  private void scheduleNext() {
    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(this::runOne);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        log.error("inference pool rejected work; dropping {} queued task(s)", tasks.size(), e);
        tasks.clear();
      }
    }
  }

  private void runOne() {
    try {
      Runnable task = tasks.poll();
      if (task != null) {
        task.run();
      }
    } catch (RuntimeException e) {
      log.error("lane task failed", e);
    } finally {
      scheduled.set(false);
      scheduleNext();
    }
  }
}
