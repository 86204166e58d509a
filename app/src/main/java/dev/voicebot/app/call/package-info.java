/**
 * Calls: adapts the SIP user agent, the RTP bridge and the conversation to one another. One
 * {@link dev.voicebot.app.call.ActiveCall} per call owns the call's RTP session and Conversation.
 */
package dev.voicebot.app.call;
