package com.octoacme.support.escalation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class EscalationConfiguration {

  /**
   * The retry cycle of every async step of the escalation process ({@code escalation.retry-cycle}), as
   * {@code ${escalationRetryCycle}} in the model. {@code R3/PT5M}: three attempts in all, the first and two
   * retries five minutes apart (measured by ClickCommitsFirstTest); after the third failure the job has no
   * retries left and Cockpit shows an incident on the escalation.
   */
  @Bean
  public String escalationRetryCycle(@Value("${escalation.retry-cycle:R3/PT5M}") String cycle) {
    if (!cycle.matches("R\\d+/P(T(\\d+[HMS])+|\\d+D)")) {
      throw new IllegalStateException("escalation.retry-cycle must look like R3/PT5M, not '" + cycle + "'");
    }
    return cycle;
  }
}
