/**
 * What the demo dialplan looks things up in: a small order service the app serves itself, from a
 * file next to the dialplans, so the demo runs on a real lookup without a business behind it.
 */
package dev.voicebot.app.demo;
