package dev.voicebot.sip;

import dev.voicebot.sip.sdp.SdpAnswerWriter;
import java.util.concurrent.ExecutorService;

/** What every call of one user agent shares; built once at start. */
record CallContext(
    SipConfig config,
    CallHandler handler,
    SipMessages messages,
    SdpAnswerWriter answerWriter,
    CallRegistry registry,
    PendingByes pendingByes,
    ExecutorService virtualThreads) {}
