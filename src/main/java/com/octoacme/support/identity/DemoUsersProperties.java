package com.octoacme.support.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo users, one per group, so a newcomer can log in. On in the default profile, off in
 * {@code postgres}; their shared password comes from configuration.
 */
@ConfigurationProperties(prefix = "escalation.demo-users")
public record DemoUsersProperties(boolean enabled, String password) {}
