/**
 * The optional language-model brain. {@link dev.voicebot.pipeline.llm.ChatCompletionsClient}
 * streams OpenAI-compatible chat completions (Ollama, vLLM, llama.cpp server, OpenAI, Groq) over
 * the JDK's HTTP client, with typed failures and first-token, idle and whole-request timeouts;
 * {@link dev.voicebot.pipeline.llm.LlmBrain} turns a caller's words into sentences for speech,
 * tool calls into checked {@link dev.voicebot.pipeline.tools.CallEffect}s (transfers only to the
 * dialplan's allowlist), webhook calls into tool results, and failures into the scripted
 * fallback. {@link dev.voicebot.pipeline.llm.LlmService} holds what calls share.
 *
 * <p>I/O runs on virtual threads and comes back to the conversation's actor as {@link
 * dev.voicebot.pipeline.llm.LlmEvent}s; the brain itself is confined to the actor's thread and
 * has no locks. API keys are read from the environment and never logged.
 */
package dev.voicebot.pipeline.llm;
