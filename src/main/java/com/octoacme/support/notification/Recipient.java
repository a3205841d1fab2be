package com.octoacme.support.notification;

/**
 * Who a notification is for: a candidate group (its configured address), a Camunda user (their
 * e-mail in the identity service) or a plain address (the customer's).
 */
public sealed interface Recipient {

  record Group(String id) implements Recipient {}

  record User(String id) implements Recipient {}

  record Address(String email) implements Recipient {}

  static Recipient group(String id) {
    return new Group(id);
  }

  static Recipient user(String id) {
    return new User(id);
  }

  static Recipient address(String email) {
    return new Address(email);
  }

  /** "user:erin.engineer", "group:engineering" (as the SLA warning names them), or a bare address. */
  static Recipient parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty recipient");
    }
    String s = spec.strip();
    if (s.startsWith("user:")) {
      return new User(s.substring("user:".length()));
    }
    if (s.startsWith("group:")) {
      return new Group(s.substring("group:".length()));
    }
    if (s.contains("@")) {
      return new Address(s);
    }
    throw new IllegalArgumentException("recipient '" + spec + "' is neither user:<id>, group:<id> nor an address");
  }
}
