package dev.voicebot.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts voicebot: a SIP user agent answering calls with the bots of the dialplans directory. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VoicebotApplication {

  public static void main(String[] args) {
    SpringApplication.run(VoicebotApplication.class, args);
  }
}
