package com.octoacme.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The ticketing system's webhook authenticates with {@code X-API-Key}; the key comes from the
 * environment ({@code TICKETING_API_KEY}). Without a configured key, no key is accepted.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-API-Key";
  public static final String TICKETING_SYSTEM = "ticketing-system";

  private final byte[] expected;
  private final AuthenticationEntryPoint unauthorized;

  public ApiKeyAuthenticationFilter(String apiKey, AuthenticationEntryPoint unauthorized) {
    this.expected = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    this.unauthorized = unauthorized;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    if (presented != null) {
      // constant-time comparison: the key must not leak through response times
      if (expected == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
        unauthorized.commence(request, response, new BadCredentialsException("unknown API key"));
        return;
      }
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
          TICKETING_SYSTEM, null, List.of(new SimpleGrantedAuthority(Authorities.TICKETING))));
    }
    chain.doFilter(request, response);
  }
}
