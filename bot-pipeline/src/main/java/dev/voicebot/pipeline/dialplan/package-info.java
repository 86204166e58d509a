/**
 * What a bot is, as data the app loads from YAML: {@link dev.voicebot.pipeline.dialplan.Dialplan}
 * (greeting, intents, DTMF menus, slots ({@link dev.voicebot.pipeline.dialplan.DigitCollection} of a
 * {@link dev.voicebot.pipeline.dialplan.SlotType}), HTTP {@link dev.voicebot.pipeline.dialplan.Lookup}s,
 * silence policy, transfer allowlist) and the
 * optional {@link dev.voicebot.pipeline.dialplan.LlmSettings} with its {@link
 * dev.voicebot.pipeline.dialplan.WebhookTool}s. Immutable records, validated on construction.
 */
package dev.voicebot.pipeline.dialplan;
