package com.octoacme.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.octoacme.support.testing.ProcessTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * HTTP Basic's remembered password checks against Camunda's identity service: a success holds for the cache's
 * period and no longer; a wrong password is never let through; a period of 0 checks every time.
 */
@ProcessTest
class CheckedCredentialsTest {

  private static final String USER = "cache.probe";

  @Autowired IdentityService identityService;
  private final MovableClock clock = new MovableClock();

  @BeforeEach
  void user() {
    User user = identityService.newUser(USER);
    user.setPassword("first-secret");
    identityService.saveUser(user);
    identityService.createMembership(USER, "support");
  }

  @AfterEach
  void removeUser() {
    identityService.deleteUser(USER);
  }

  @Test
  void aCheckedPasswordHoldsForThePeriodThenIsCheckedAgain() {
    var provider = new CamundaIdentityAuthenticationProvider(identityService, Duration.ofSeconds(30), clock);
    assertThat(groups(provider.authenticate(basic("first-secret")))).contains(Authorities.group("support"));

    changePassword("second-secret");
    identityService.deleteMembership(USER, "support");
    clock.advance(Duration.ofSeconds(29));
    // remembered: the old password and groups, within the period
    assertThat(groups(provider.authenticate(basic("first-secret")))).contains(Authorities.group("support"));
    // a password other than the remembered one goes to Camunda
    assertThat(groups(provider.authenticate(basic("second-secret")))).doesNotContain(Authorities.group("support"));

    clock.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> provider.authenticate(basic("first-secret"))).isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void aWrongPasswordIsRefusedEvenRightAfterASuccess() {
    var provider = new CamundaIdentityAuthenticationProvider(identityService, Duration.ofSeconds(30), clock);
    provider.authenticate(basic("first-secret"));
    assertThatThrownBy(() -> provider.authenticate(basic("first-secret "))).isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(() -> provider.authenticate(basic(""))).isInstanceOf(BadCredentialsException.class);
  }

  @Test
  void eachRequestGetsATokenOfItsOwn() {
    var provider = new CamundaIdentityAuthenticationProvider(identityService, Duration.ofSeconds(30), clock);
    Authentication first = provider.authenticate(basic("first-secret"));
    Authentication second = provider.authenticate(basic("first-secret"));
    assertThat(second).isNotSameAs(first);
    assertThat(second.isAuthenticated()).isTrue();
    assertThat(second.getName()).isEqualTo(USER);
  }

  @Test
  void withAPeriodOfZeroEveryRequestIsChecked() {
    var provider = new CamundaIdentityAuthenticationProvider(identityService, Duration.ZERO, clock);
    provider.authenticate(basic("first-secret"));
    changePassword("second-secret");
    assertThatThrownBy(() -> provider.authenticate(basic("first-secret"))).isInstanceOf(BadCredentialsException.class);
  }

  private void changePassword(String password) {
    User user = identityService.createUserQuery().userId(USER).singleResult();
    user.setPassword(password);
    identityService.saveUser(user);
  }

  private static UsernamePasswordAuthenticationToken basic(String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(USER, password);
  }

  private static java.util.List<String> groups(Authentication authentication) {
    return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T09:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
