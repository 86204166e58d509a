/**
 * Call records: who called, which bot answered, what was said by whom, how each turn's latency
 * broke down, what happened on the line and how the media fared. Active and recent calls are kept
 * in memory; every piece also goes to the database ({@code db}) as soon as it is final, which
 * serves the HTTP API's paged, filtered list.
 */
package dev.voicebot.app.records;
