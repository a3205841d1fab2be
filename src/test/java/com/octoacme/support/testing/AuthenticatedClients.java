package com.octoacme.support.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Tests call the app like a real client: every TestRestTemplate request carries HTTP Basic for the
 * admin (users and groups of the identity service). Tests of access control ask for other callers.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AuthenticatedClients {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin";
  public static final String DEMO_PASSWORD = "demo";
  public static final String TICKETING_API_KEY = "test-ticketing-key";

  @Bean
  RestTemplateBuilder authenticatedRestTemplateBuilder() {
    return new RestTemplateBuilder().basicAuthentication(ADMIN, ADMIN_PASSWORD);
  }
}
