package dev.voicebot.app.http;

import dev.voicebot.app.config.VoicebotProperties;
import jakarta.servlet.Filter;
import java.util.Optional;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** The HTTP port's guard: the start-up check and the bearer token filter. */
@Configuration(proxyBeanMethods = false)
public class HttpSecurityConfiguration {

  /**
   * Runs when the web server factory is built: before Tomcat exists (nothing is bound yet) and
   * before Festival and the models start, so a refused configuration fails in a second.
   */
  @Bean
  WebServerFactoryCustomizer<ConfigurableWebServerFactory> httpExposureCheck(Environment env,
      VoicebotProperties properties) {
    var exposure = exposure(env, properties);
    return factory -> exposure.check();
  }

  /** The filter, when a token is configured; without one the check above allows loopback only. */
  @Bean
  FilterRegistrationBean<Filter> bearerTokenFilter(Environment env, VoicebotProperties properties) {
    var exposure = exposure(env, properties);
    var registration = new FilterRegistrationBean<Filter>();
    if (exposure.hasToken()) {
      registration.setFilter(new BearerTokenFilter(properties.http().token()));
    } else {
      registration.setFilter((request, response, chain) -> chain.doFilter(request, response));
      registration.setEnabled(false);
    }
    registration.addUrlPatterns("/*");
    registration.setName("bearerToken");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  private static HttpExposure exposure(Environment env, VoicebotProperties properties) {
    return new HttpExposure(env.getProperty("server.address"), properties.http().token(),
        Optional.ofNullable(env.getProperty("management.server.port", Integer.class)),
        env.getProperty("server.port", Integer.class, 8080));
  }
}
