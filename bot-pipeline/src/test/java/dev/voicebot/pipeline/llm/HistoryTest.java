package dev.voicebot.pipeline.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.pipeline.llm.ChatMessage.AssistantMessage;
import dev.voicebot.pipeline.llm.ChatMessage.SystemMessage;
import dev.voicebot.pipeline.llm.ChatMessage.ToolMessage;
import dev.voicebot.pipeline.llm.ChatMessage.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private static final String SYSTEM = "You are a helpful phone assistant for the shop. " + "Be brief. ".repeat(20);

  @Test
  void trimmingKeepsTheSystemPromptAndTheLatestUserTurn() {
    History history = new History(SYSTEM, 200);
    for (int i = 0; i < 20; i++) {
      history.add(new UserMessage("question number " + i + " " + "words ".repeat(10)));
      history.add(new AssistantMessage("answer number " + i + " " + "words ".repeat(10), List.of()));
    }
    UserMessage latest = new UserMessage("the latest question " + "words ".repeat(200)); // alone over budget
    history.add(latest);
    List<ChatMessage> sent = history.forRequest();
    assertThat(sent.getFirst()).isEqualTo(new SystemMessage(SYSTEM));
    assertThat(sent).containsSubsequence(new SystemMessage(SYSTEM), latest);
    assertThat(sent).hasSize(2);
  }

  @Test
  void oldestMessagesGoFirstUntilTheBudgetFits() {
    History history = new History("sys", 100);
    for (int i = 0; i < 10; i++) {
      history.add(new UserMessage("question " + i + " " + "x".repeat(60)));
      history.add(new AssistantMessage("answer " + i + " " + "x".repeat(60), List.of()));
    }
    List<ChatMessage> sent = history.forRequest();
    int tokens = sent.stream().mapToInt(ChatMessage::estimatedTokens).sum();
    assertThat(tokens).isLessThanOrEqualTo(100);
    assertThat(sent.getLast()).isEqualTo(new AssistantMessage("answer 9 " + "x".repeat(60), List.of()));
    assertThat(sent.get(1)).isInstanceOf(UserMessage.class);
  }

  @Test
  void toolResultsNeverOutliveTheirCall() {
    History history = new History("sys", 60);
    history.add(new UserMessage("old question"));
    history.add(new AssistantMessage("", List.of(new ToolCall("call_1", "lookup", "{\"q\":\"" + "x".repeat(80) + "\"}"))));
    history.add(new ToolMessage("call_1", "a long result " + "y".repeat(40)));
    history.add(new AssistantMessage("old answer", List.of()));
    history.add(new UserMessage("new question"));
    List<ChatMessage> sent = history.forRequest();
    assertThat(sent).noneMatch(ToolMessage.class::isInstance);
    assertThat(sent.get(1)).isNotInstanceOf(ToolMessage.class);
    assertThat(sent.getLast()).isEqualTo(new UserMessage("new question"));
  }

  @Test
  void messagesAfterTheLatestUserTurnAreKeptWithIt() {
    History history = new History("sys", 60); // the old message alone is ~55 tokens
    history.add(new UserMessage("old " + "z".repeat(200)));
    UserMessage latest = new UserMessage("where is my order");
    AssistantMessage call = new AssistantMessage("", List.of(new ToolCall("c1", "lookup", "{}")));
    ToolMessage result = new ToolMessage("c1", "shipped");
    history.add(latest);
    history.add(call);
    history.add(result);
    assertThat(history.forRequest()).containsExactly(new SystemMessage("sys"), latest, call, result);
  }
}
