package com.octoacme.support.featurerequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class FeatureRequestConfiguration {

  /**
   * Retries of "Register feature request" ({@code feature-request.registration-retry-cycle}), as
   * {@code ${featureRequestRegistrationRetryCycle}} in the model. A request that loses the race for a new
   * feature key fails on the unique index and joins on its retry, so the retries come quickly: R5/PT10S is
   * five attempts in all, ten seconds apart.
   */
  @Bean
  public String featureRequestRegistrationRetryCycle(
      @Value("${feature-request.registration-retry-cycle:R5/PT10S}") String cycle) {
    if (!cycle.matches("R\\d+/P(T(\\d+[HMS])+|\\d+D)")) {
      throw new IllegalStateException("feature-request.registration-retry-cycle must look like R5/PT10S, not '" + cycle + "'");
    }
    return cycle;
  }
}
