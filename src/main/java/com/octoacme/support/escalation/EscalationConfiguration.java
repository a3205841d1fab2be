package com.octoacme.support.escalation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class EscalationConfiguration {

  /**
   * The retry cycle of every async step of the escalation process ({@code escalation.retry-cycle}), as
   * {@code ${escalationRetryCycle}} in the model. {@code R3/PT5M}: the first attempt, then three more five
   * minutes apart; after the fourth failure the job has no retries left and Cockpit shows an incident.
   */
  @Bean
  public String escalationRetryCycle(@Value("${escalation.retry-cycle:R3/PT5M}") String cycle) {
    if (!cycle.matches("R\\d+/P(T(\\d+[HMS])+|\\d+D)")) {
      throw new IllegalStateException("escalation.retry-cycle must look like R3/PT5M, not '" + cycle + "'");
    }
    return cycle;
  }
}
