package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.actor.EventQueue;

/** The conversation actor's {@link EventQueue}, bounding its {@link ConversationEvent.AudioFrame}s. */
final class Mailbox extends EventQueue<ConversationEvent> {

  Mailbox(int maxQueuedFrames) {
    super(maxQueuedFrames, ConversationEvent.AudioFrame.class);
  }
}
