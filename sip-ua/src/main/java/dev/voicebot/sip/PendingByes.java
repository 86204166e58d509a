package dev.voicebot.sip;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.sip.ClientTransaction;

/** BYEs we sent and whose final response has not come yet; close() waits a bounded time for them. */
final class PendingByes {

  private final Set<ClientTransaction> pending = new HashSet<>();

  synchronized void sent(ClientTransaction bye) {
    pending.add(bye);
  }

  synchronized void completed(ClientTransaction bye) {
    if (pending.remove(bye) && pending.isEmpty()) {
      notifyAll();
    }
  }

  /** @return true if all completed within the wait */
  synchronized boolean awaitNone(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
