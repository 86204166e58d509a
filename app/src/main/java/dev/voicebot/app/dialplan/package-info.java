/**
 * Dialplans: YAML files that say which called number gets which bot. They are read and validated
 * once at start; any mistake stops the app with the file, line, column and what is wrong, so a bad
 * edit never reaches a caller.
 */
package dev.voicebot.app.dialplan;
