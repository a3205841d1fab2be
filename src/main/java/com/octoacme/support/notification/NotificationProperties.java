package com.octoacme.support.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The e-mail notifications ({@code notification} in application.yaml):
 *
 * <ul>
 *   <li>{@code from}: the sender of every notification, e.g. {@code "OctoAcme Support <support@octoacme.example>"};
 *   <li>{@code app-base-url}: where people reach this application; links to Tasklist and Cockpit start with it;
 *   <li>{@code time-zone}: the zone dates are shown in (the support centre's);
 *   <li>{@code templates}: where the Mustache templates are read from, {@code classpath:mail-templates/} or a
 *       folder such as {@code file:/etc/octoacme/mail-templates/};
 *   <li>{@code retry-cycle}: the attempts at each send, e.g. {@code R3/PT5M}: three attempts in all, five minutes
 *       apart, then an incident (see {@link RetryCycle});
 *   <li>{@code group-addresses}: the mailing address of each candidate group, by group id;
 *   <li>{@code fallback-group}: the group that gets a notification none of whose recipients has an address.
 * </ul>
 *
 * Everything is checked at start-up; a bad value fails with an {@link IllegalStateException} naming the property.
 */
@ConfigurationProperties(prefix = "notification")
public record NotificationProperties(String from, URI appBaseUrl, ZoneId timeZone, String templates,
    String retryCycle, Map<String, String> groupAddresses, String fallbackGroup) {

  static final String PREFIX = "notification";

  public NotificationProperties {
    from = required("from", from);
    address("from", from);
    if (appBaseUrl == null) {
      throw new IllegalStateException(PREFIX + ".app-base-url is required (e.g. http://localhost:8080)");
    }
    String base = appBaseUrl.toString();
    appBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    if (timeZone == null) {
      throw new IllegalStateException(PREFIX + ".time-zone is required (a region id such as Europe/Berlin)");
    }
    templates = required("templates", templates);
    templates = templates.endsWith("/") ? templates : templates + "/";
    retryCycle = required("retry-cycle", retryCycle);
    try {
      RetryCycle.parse(retryCycle);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(PREFIX + ".retry-cycle must look like R3/PT5M, not '" + retryCycle + "'", e);
    }
    Map<String, String> addresses = new TreeMap<>();
    if (groupAddresses != null) {
      groupAddresses.forEach((group, address) -> {
        address(PREFIX + ".group-addresses." + group, address);
        addresses.put(group, address.strip());
      });
    }
    groupAddresses = Map.copyOf(addresses);
    fallbackGroup = required("fallback-group", fallbackGroup);
    if (!groupAddresses.containsKey(fallbackGroup)) {
      throw new IllegalStateException(PREFIX + ".group-addresses." + fallbackGroup + " is required: it is the fallback-group");
    }
  }

  /** The attempts at each send, parsed. */
  public RetryCycle retries() {
    return RetryCycle.parse(retryCycle);
  }

  /** The group's address, if configured. */
  public String addressOf(String groupId) {
    return groupAddresses.get(groupId);
  }

  private static String required(String property, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(PREFIX + "." + property + " is required");
    }
    return value.strip();
  }

  private static void address(String property, String value) {
    try {
      if (value == null || value.isBlank()) {
        throw new AddressException("empty");
      }
      new InternetAddress(value.strip(), true);
    } catch (AddressException e) {
      throw new IllegalStateException((property.startsWith(PREFIX) ? property : PREFIX + "." + property)
          + " is not an e-mail address: '" + value + "'", e);
    }
  }
}
