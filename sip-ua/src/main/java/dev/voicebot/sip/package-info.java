/**
 * The bot's SIP user agent (UAS): answers INVITEs over UDP and TCP, negotiates SDP, keeps dialogs,
 * and reports call events to a {@link dev.voicebot.sip.CallHandler}.
 *
 * <p>Threading: JAIN-SIP listener threads only parse, answer what needs no decision (100 Trying,
 * OPTIONS, 481, 487 on CANCEL, 200 on BYE) and queue the rest. Every handler callback runs on a
 * virtual thread, and the callbacks of one call run one at a time in order, so an app may block
 * briefly in them without stalling signalling for other calls.
 *
 * <p>Every request first meets {@link dev.voicebot.sip.RequestGate}: per-source rate limit
 * ({@code access}), sanity checks (400 where JAIN-SIP's parser lets a broken request through),
 * drain (503), access control (allowlists, 407 digest challenge, 403), and only then the router.
 * Trunk registration and OPTIONS qualify live in {@code register}, digest in {@code digest}.
 *
 * <p>Late offer (INVITE without SDP) is answered 488 for now; offer-in-200/answer-in-ACK comes in a
 * later issue, as do hold re-INVITEs, INFO DTMF and TLS.
 */
package dev.voicebot.sip;
