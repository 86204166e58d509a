/**
 * Call records: who called, which bot answered, what was said by whom, how each turn's latency
 * broke down, and how the media fared. Kept in memory for the HTTP API and logged at call end.
 */
package dev.voicebot.app.records;
