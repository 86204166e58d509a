package dev.voicebot.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionByLagTest {

  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  @Test
  void whileTheCallsUpLagBeyondTheBoundTheNextCallerIsRefusedAndOptionsSaySo() {
    var lag = new AtomicLong();
    var admission = new Admission(4, lag::get, Duration.ofMillis(500));
    assertThat(admission.tryAdmit()).isInstanceOf(Admission.Admitted.class);

    lag.set(800 * MS);
    assertThat(admission.accepting()).isFalse();
    assertThat(admission.tryAdmit()).isEqualTo(
        new Admission.Lagging(1, Duration.ofMillis(800), Duration.ofMillis(500)));

    lag.set(100 * MS);
    assertThat(admission.accepting()).isTrue();
    assertThat(admission.tryAdmit()).isInstanceOf(Admission.Admitted.class);
  }

  @Test
  void withNoCallUpAStaleLagNeverRefuses() {
    var admission = new Admission(2, () -> 5_000 * MS, Duration.ofMillis(500));
    assertThat(admission.accepting()).isTrue();
    assertThat(admission.tryAdmit()).isInstanceOf(Admission.Admitted.class);
    admission.release();
    assertThat(admission.accepting()).isTrue();
  }

  @Test
  void atTheLimitTheCallerIsRefusedWhateverTheLagAndAZeroBoundNeverRefuses() {
    var admission = new Admission(1, () -> 9_000 * MS, Duration.ZERO);
    assertThat(admission.tryAdmit()).isInstanceOf(Admission.Admitted.class);
    assertThat(admission.tryAdmit()).isEqualTo(new Admission.Full(1, 1));
    assertThat(admission.accepting()).isFalse();
  }

  @Test
  void theLimitIsTheConfiguredOneElseTheCalibrationElseFourPerCore() throws IOException {
    Path file = Files.writeString(dir.resolve("capacity.properties"), "# bench-capacity.sh\nmax-concurrent-calls = 14\n");
    Duration lag = Duration.ofSeconds(1);

    assertThat(CallLimits.resolve(6, file, lag, 2).maxCalls()).isEqualTo(6);
    assertThat(CallLimits.resolve(0, file, lag, 2).maxCalls()).isEqualTo(14);
    assertThat(CallLimits.resolve(0, file, lag, 2).source()).contains(file.toString());
    assertThat(CallLimits.resolve(0, null, lag, 2).maxCalls()).isEqualTo(16);
  }

  @Test
  void aCalibrationFileThatIsMissingOrSaysNothingUsableIsAClearError() throws IOException {
    Duration lag = Duration.ofSeconds(1);
    assertThatThrownBy(() -> CallLimits.resolve(0, dir.resolve("nope.properties"), lag, 2))
        .hasMessageContaining("cannot read voicebot.calls.capacity-file");
    Path empty = Files.writeString(dir.resolve("empty.properties"), "calls=3\n");
    assertThatThrownBy(() -> CallLimits.resolve(0, empty, lag, 2)).hasMessageContaining("has no max-concurrent-calls");
    Path zero = Files.writeString(dir.resolve("zero.properties"), "max-concurrent-calls=0\n");
    assertThatThrownBy(() -> CallLimits.resolve(0, zero, lag, 2)).hasMessageContaining("positive whole number");
  }
}
