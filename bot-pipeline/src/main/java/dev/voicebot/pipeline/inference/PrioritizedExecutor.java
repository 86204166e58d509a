package dev.voicebot.pipeline.inference;

import java.util.concurrent.Executor;

/** An {@link Executor} that runs more urgent work first; plain {@link #execute} is background work. */
public interface PrioritizedExecutor extends Executor {

  /**
   * Runs {@code task} after the work of higher priority already waiting.
   *
   * @throws java.util.concurrent.RejectedExecutionException when too much work waits (the caller
   *     must say what it shed)
   */
  void execute(Runnable task, Priority priority);

  @Override
  default void execute(Runnable task) {
    execute(task, Priority.BACKGROUND);
  }

  /** Submits to {@code executor} with {@code priority} when it knows priorities, plainly otherwise. */
  static void execute(Executor executor, Runnable task, Priority priority) {
    if (executor instanceof PrioritizedExecutor prioritized) {
      prioritized.execute(task, priority);
    } else {
      executor.execute(task);
    }
  }
}
