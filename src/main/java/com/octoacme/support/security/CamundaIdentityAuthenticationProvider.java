package com.octoacme.support.security;

import com.octoacme.support.intake.DatabaseUnavailable;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity service: the same users, passwords and groups as Tasklist.
 *
 * <p>A successful check is remembered for {@code security.credential-cache-ttl} (default 30 s; 0 turns it off), as
 * Camunda's webapps keep a login's groups for their session: a client that sends its credentials with every request
 * costs one password check and one group query per period instead of two engine commands per request. Only
 * successes are remembered, as a salted digest of the password, never the password: a wrong password is checked by
 * Camunda every time (its failed-login count and lockout apply). A changed password, group or deleted user takes
 * effect for such a client within that period.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final Duration cacheTtl;
  private final Clock clock;
  private final byte[] salt = new byte[16];
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  private record Checked(byte[] digest, List<GrantedAuthority> authorities, Instant until) {}

  @Autowired
  public CamundaIdentityAuthenticationProvider(IdentityService identityService,
      @Value("${security.credential-cache-ttl:PT30S}") Duration cacheTtl) {
    this(identityService, cacheTtl, Clock.systemUTC());
  }

  CamundaIdentityAuthenticationProvider(IdentityService identityService, Duration cacheTtl, Clock clock) {
    this.identityService = identityService;
    this.cacheTtl = cacheTtl;
    this.clock = clock;
    new SecureRandom().nextBytes(salt);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    try {
      return check(authentication);
    } catch (RuntimeException e) {
      if (DatabaseUnavailable.causes(e)) {
        // answered 503 by the entry point (ApiSecurityErrors), not "wrong password"; "internal": no second provider tries
        throw new InternalAuthenticationServiceException(DatabaseUnavailable.MESSAGE, e);
      }
      throw e;
    }
  }

  private Authentication check(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || credentials == null) {
      throw new BadCredentialsException("wrong user or password");
    }
    byte[] digest = digest(userId, credentials.toString());
    Instant now = clock.instant();
    Checked known = checked.get(userId);
    if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.digest(), digest)) {
      // a token of its own per request (the filter chain sets its details)
      return UsernamePasswordAuthenticationToken.authenticated(userId, null, known.authorities());
    }
    if (!identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("wrong user or password");
    }
    List<GrantedAuthority> authorities = authoritiesOf(userId);
    if (!cacheTtl.isZero()) {
      checked.put(userId, new Checked(digest, authorities, now.plus(cacheTtl)));
      checked.values().removeIf(c -> !now.isBefore(c.until()));
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  private List<GrantedAuthority> authoritiesOf(String userId) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(Authorities.PERSON));
    for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
      authorities.add(new SimpleGrantedAuthority(Authorities.group(group.getId())));
      if (Authorities.ADMIN_GROUP.equals(group.getId())) {
        authorities.add(new SimpleGrantedAuthority(Authorities.ADMIN));
      }
    }
    return List.copyOf(authorities);
  }

  private byte[] digest(String userId, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      sha.update(userId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return sha.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
