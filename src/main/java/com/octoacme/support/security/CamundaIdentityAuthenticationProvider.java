package com.octoacme.support.security;

import com.octoacme.support.intake.DatabaseUnavailable;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** HTTP Basic against Camunda's identity service: the same users, passwords and groups as Tasklist. */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
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
    if (userId == null || credentials == null || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("wrong user or password");
    }
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(Authorities.PERSON));
    for (Group group : identityService.createGroupQuery().groupMember(userId).list()) {
      authorities.add(new SimpleGrantedAuthority(Authorities.group(group.getId())));
      if (Authorities.ADMIN_GROUP.equals(group.getId())) {
        authorities.add(new SimpleGrantedAuthority(Authorities.ADMIN));
      }
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
