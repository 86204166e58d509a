package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.inference.PrioritizedExecutor;
import dev.voicebot.pipeline.inference.Priority;
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
 *
 * <p>On a {@link PrioritizedExecutor} the lane's next run is submitted with the most urgent
 * priority among its waiting tasks: an urgent task cannot overtake the ones ahead of it in its
 * lane, so they inherit its urgency.
 */
final class SerialExecutor implements Executor {

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor pool;
  private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  private record Task(Runnable work, Priority priority) {}

  @Override
  public void execute(Runnable task) {
    execute(task, Priority.BACKGROUND);
  }

  void execute(Runnable task, Priority priority) {
    tasks.add(new Task(task, priority));
    scheduleNext();
  }

  private void scheduleNext() {
    if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        PrioritizedExecutor.execute(pool, this::runOne, mostUrgent());
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        log.error("inference pool rejected work; dropping {} queued task(s)", tasks.size(), e);
        tasks.clear();
      }
    }
  }

  private Priority mostUrgent() {
    Priority most = Priority.BACKGROUND;
    for (Task t : tasks) {
      if (t.priority().compareTo(most) < 0) {
        most = t.priority();
      }
    }
    return most;
  }

  private void runOne() {
    try {
      Task task = tasks.poll();
      if (task != null) {
        task.work().run();
      }
    } catch (RuntimeException e) {
      log.error("lane task failed", e);
    } finally {
      scheduled.set(false);
      scheduleNext();
    }
  }
}
