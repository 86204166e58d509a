/**
 * Model file handling shared by the speech engines: the build fetches model files from package
 * registries, and the engines check them before loading so a wrong or truncated file fails at
 * start-up with a clear message instead of producing garbage on a live call.
 */
package dev.voicebot.pipeline.models;
