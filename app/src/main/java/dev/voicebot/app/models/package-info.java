/**
 * The embedded default models (Vosk, Silero) that the build packs into the voicebot-models jar,
 * unpacked once into a cache directory because the engines load them from files.
 */
package dev.voicebot.app.models;
