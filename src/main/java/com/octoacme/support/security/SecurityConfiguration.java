package com.octoacme.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. /api/** and /engine-rest/** (open by default in Camunda) need HTTP Basic with a
 * user of Camunda's identity service or, for the ticketing system's webhook, the API key. Behind
 * /engine-rest, Camunda's own authorizations apply to the caller. The webapps (Tasklist, Cockpit,
 * Admin) keep their own login, session and CSRF protection.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

  /**
   * No Micrometer observation around each security filter, authentication and authorization: nothing reads them
   * (the HTTP request metrics stay), and they were a measurable part of every request's CPU (BENCHMARKS.md).
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiAndEngineRest(HttpSecurity http, CamundaIdentityAuthenticationProvider identities,
      IdentityService identityService, ObjectMapper json, EscalationReadAccess escalationReadAccess,
      @Value("${security.ticketing-api-key:}") String ticketingApiKey) throws Exception {
    AuthenticationEntryPoint unauthorized = ApiSecurityErrors.unauthorized(json);
    // Path matchers independent of Spring MVC: /engine-rest is Jersey's servlet, not the DispatcherServlet's.
    http.securityMatcher(new OrRequestMatcher(antMatcher("/api/**"), antMatcher("/engine-rest/**")))
        .csrf(csrf -> csrf.disable()) // stateless: no session cookie to forge requests with
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationProvider(identities)
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized)
            .accessDeniedHandler(ApiSecurityErrors.forbidden(json)))
        .addFilterBefore(new ApiKeyAuthenticationFilter(ticketingApiKey, unauthorized), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(antMatcher("/api/operations/**")).hasAuthority(Authorities.ADMIN)
            // the ticketing system and Support open escalations and pass on customer events
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/escalations"), antMatcher(HttpMethod.POST, "/api/escalations/*/events/*"))
                .hasAnyAuthority(Authorities.TICKETING, Authorities.group("support"), Authorities.ADMIN)
            // a ticket's escalation: for whoever the engine lets read it (EscalationReadAccess)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/escalations/{ticketId}")).access(escalationReadAccess)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/escalations/**")).authenticated()
            // feature requests carry customers' contract values: the readers of AuthorizationSetup only
            .requestMatchers(antMatcher(HttpMethod.POST, "/api/feature-requests/*/roadmap-aligned"))
                .hasAnyAuthority(Authorities.group("support"), Authorities.group("product-managers"), Authorities.ADMIN)
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/feature-requests/**")).hasAnyAuthority(featureRequestReaders())
            // escalation metrics: support and the leads; the product team the volume by category only
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/metrics/volume-by-category"),
                antMatcher(HttpMethod.GET, "/api/metrics/volume-by-category.csv"))
                .hasAnyAuthority(metricsReaders(Authorities.group("product-team")))
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/metrics/**")).hasAnyAuthority(metricsReaders())
            // the escalation board: for people; one escalation's page follows the rule of GET /api/escalations/{ticketId}
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/board/escalations/{ticketId}"))
                .access(org.springframework.security.authorization.AuthorizationManagers.allOf(
                    org.springframework.security.authorization.AuthorityAuthorizationManager.hasAuthority(Authorities.PERSON),
                    escalationReadAccess))
            .requestMatchers(antMatcher(HttpMethod.GET, "/api/board"), antMatcher(HttpMethod.GET, "/api/board/**"))
                .hasAuthority(Authorities.PERSON)
            .requestMatchers(antMatcher("/api/**")).authenticated() // the rest of /api: 404 or 405 from the API itself
            // the engine's API is for people and scripts; the engine's authorizations do the rest
            .requestMatchers(antMatcher("/engine-rest/**")).hasAuthority(Authorities.PERSON)
            .anyRequest().denyAll());
    return http.build();
  }

  private static String[] featureRequestReaders() {
    return java.util.stream.Stream.concat(AuthorizationSetup.FEATURE_REQUEST_READERS.stream()
        .map(group -> Authorities.group(group.id())), java.util.stream.Stream.of(Authorities.ADMIN)).toArray(String[]::new);
  }

  /** Who reads the escalation metrics: support and the leads, plus the given authorities. */
  static String[] metricsReaders(String... more) {
    java.util.List<String> readers = new java.util.ArrayList<>(java.util.List.of(Authorities.group("support"),
        Authorities.group("engineering-leads"), Authorities.group("product-managers"), Authorities.group("executives")));
    readers.addAll(java.util.List.of(more));
    return readers.toArray(String[]::new);
  }

  /**
   * Actuator: the health probes are open to load balancers and compose health checks; their details
   * (database, job executor) only for a caller with credentials. Nothing else of Actuator is reachable.
   */
  @Bean
  @Order(0)
  SecurityFilterChain actuator(HttpSecurity http, CamundaIdentityAuthenticationProvider identities, ObjectMapper json)
      throws Exception {
    AuthenticationEntryPoint unauthorized = ApiSecurityErrors.unauthorized(json);
    http.securityMatcher(antMatcher("/actuator/**"))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authenticationProvider(identities)
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(antMatcher(HttpMethod.GET, "/actuator/health"), antMatcher(HttpMethod.GET, "/actuator/health/**"))
                .permitAll()
            .anyRequest().denyAll());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    http.securityMatcher(antMatcher("/**"))
        .csrf(csrf -> csrf.disable()) // the webapps run their own CSRF protection
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
    return http.build();
  }

  /** Ahead of Camunda's webapp filters: each request's script nonce stays its own (see WebappScriptNonce). */
  @Bean
  FilterRegistrationBean<WebappScriptNonce> webappScriptNonce(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<WebappScriptNonce> registration = new FilterRegistrationBean<>(new WebappScriptNonce());
    registration.addUrlPatterns(webappPath + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    registration.setName("webappScriptNonce");
    return registration;
  }
}
