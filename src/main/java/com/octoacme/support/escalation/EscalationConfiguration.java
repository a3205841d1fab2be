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
  /**
   * How long a resolved escalation waits for the customer's CSAT score after the checklist
   * ({@code escalation.csat-wait}, ISO-8601), as {@code ${escalationCsatWait}} in the model; then it closes
   * with the score "not received".
   */
  @Bean
  public String escalationCsatWait(@Value("${escalation.csat-wait:P14D}") String wait) {
    try {
      java.time.Duration.parse(wait);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException("escalation.csat-wait must be an ISO-8601 duration such as P14D, not '" + wait + "'");
    }
    return wait;
  }

  @Bean
  public String escalationRetryCycle(@Value("${escalation.retry-cycle:R3/PT5M}") String cycle) {
    if (!cycle.matches("R\\d+/P(T(\\d+[HMS])+|\\d+D)")) {
      throw new IllegalStateException("escalation.retry-cycle must look like R3/PT5M, not '" + cycle + "'");
    }
    return cycle;
  }
}
