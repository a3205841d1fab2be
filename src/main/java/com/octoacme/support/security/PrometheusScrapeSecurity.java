package com.octoacme.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

/**
 * /actuator: only the Prometheus endpoint is exposed, for the monitoring's scraper, with a
 * credential of its own ({@code metrics.prometheus.scrape-username} / {@code PROMETHEUS_SCRAPE_PASSWORD}),
 * not a person's: no password configured, no scraping. Camunda users, the admin included, are refused.
 */
@Configuration
public class PrometheusScrapeSecurity {

  static final String SCRAPER = "METRICS_SCRAPER";

  // Before the actuator chain of SecurityConfiguration (health probes), which denies the rest of /actuator.
  @Bean
  @Order(-1)
  SecurityFilterChain prometheusScrape(HttpSecurity http,
      @Value("${metrics.prometheus.scrape-username:prometheus}") String username,
      @Value("${metrics.prometheus.scrape-password:}") String password) throws Exception {
    http.securityMatcher(antMatcher("/actuator/prometheus"))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // only the scrape credential: this chain does not fall back to Camunda's identities
        .authenticationManager(new ProviderManager(List.of(new ScrapeCredential(username, password))))
        .httpBasic(basic -> basic.realmName("prometheus"))
        .authorizeHttpRequests(requests -> requests
            .anyRequest().hasAuthority(SCRAPER));
    return http.build();
  }

  /** The one scrape user; compared in constant time. */
  static final class ScrapeCredential implements AuthenticationProvider {
    private final String username;
    private final byte[] password;

    ScrapeCredential(String username, String password) {
      this.username = username;
      this.password = password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      Object given = authentication.getCredentials();
      if (password.length == 0 || given == null || !username.equals(authentication.getName())
          || !MessageDigest.isEqual(password, given.toString().getBytes(StandardCharsets.UTF_8))) {
        throw new BadCredentialsException("not the scrape credential");
      }
      return UsernamePasswordAuthenticationToken.authenticated(username, null,
          List.of(new SimpleGrantedAuthority(SCRAPER)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
  }
}
