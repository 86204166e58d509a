/**
 * The live console: the page at {@code /} (static files) and what feeds it live, a publisher of
 * call events that the server-sent-events endpoint {@code /api/live} streams to each browser.
 */
package dev.voicebot.app.console;
