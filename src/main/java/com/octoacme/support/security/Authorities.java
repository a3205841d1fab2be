package com.octoacme.support.security;

/** The authorities a caller of /api and /engine-rest holds. */
public final class Authorities {

  private Authorities() {}

  /** A person of Camunda's identity service (HTTP Basic). */
  public static final String PERSON = "PERSON";
  /** The ticketing system's webhook (API key). */
  public static final String TICKETING = "TICKETING";
  /** Members of Camunda's admin group. */
  public static final String ADMIN = "ADMIN";
  public static final String ADMIN_GROUP = "camunda-admin";

  /** The authority of membership in a group, e.g. GROUP_support. */
  public static String group(String groupId) {
    return "GROUP_" + groupId;
  }
}
