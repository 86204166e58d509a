package dev.voicebot.sip;

import dev.voicebot.sip.sdp.SdpAnswerWriter;
import dev.voicebot.sip.timer.SessionTimerPolicy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call of one user agent shares; built once at start.
 *
 * @param timers one scheduler thread for every call's deadlines (session timers, transfer
 *     timeouts); it only hands the work to {@code virtualThreads}
 */
record CallContext(
    SipConfig config,
    CallHandler handler,
    SipMessages messages,
    SdpAnswerWriter answerWriter,
    CallRegistry registry,
    PendingByes pendingByes,
    ExecutorService virtualThreads,
    DialogSettings dialog,
    SessionTimerPolicy timerPolicy,
    ScheduledExecutorService timers) {}
