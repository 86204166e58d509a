/**
 * HTTP lookups of scripted dialplans: the request built from the call's variables, the answer's
 * JSON fields taken into variables, and every failure (timeout, refused, bad answer) reported as
 * an outcome the bot can speak, never thrown. The conversation's thread never waits on them.
 */
package dev.voicebot.pipeline.lookup;
