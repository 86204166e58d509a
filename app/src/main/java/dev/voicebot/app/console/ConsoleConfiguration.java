package dev.voicebot.app.console;

import dev.voicebot.app.call.BotCallHandler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's live feed: the publisher, its metrics, and the quality sampler. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

  @Bean
  LiveEvents liveEvents(MeterRegistry meters) {
    var events = new LiveEvents();
    FunctionCounter.builder("voicebot.console.events.dropped", events, LiveEvents::dropped)
        .description("live events a console stream could not take in time (it was sent a fresh snapshot)")
        .register(meters);
    Gauge.builder("voicebot.console.streams", events, LiveEvents::subscribers)
        .description("consoles watching the live calls")
        .register(meters);
    return events;
  }

  @Bean(destroyMethod = "close")
  QualityTicker consoleQualityTicker(BotCallHandler calls, LiveEvents events) {
    return QualityTicker.start(calls::liveQuality, events);
  }
}
