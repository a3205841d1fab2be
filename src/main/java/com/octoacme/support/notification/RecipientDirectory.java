package com.octoacme.support.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns recipients into e-mail addresses: a group's from {@code notification.group-addresses}, a
 * user's from Camunda's identity service (Admin), the customer's from the template's "Reported By".
 * {@link GroupAddressCheck} warns at start of level-policy groups without one.
 */
@Component
public class RecipientDirectory {

  private static final Logger log = LoggerFactory.getLogger(RecipientDirectory.class);

  /** An e-mail address inside free text such as "Jane Doe <jane.doe@globex.example>". */
  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private final NotificationProperties properties;
  private final IdentityService identity;

  public RecipientDirectory(NotificationProperties properties, IdentityService identity) {
    this.properties = properties;
    this.identity = identity;
  }

  /** The groups among these that have no address in {@code notification.group-addresses}. */
  public Set<String> groupsWithoutAddress(Collection<String> groups) {
    Set<String> missing = new TreeSet<>();
    groups.stream().filter(g -> properties.addressOf(g) == null).forEach(missing::add);
    return missing;
  }

  /**
   * The distinct addresses of the recipients. A user without an e-mail address or a group without one
   * is left out (and logged); if nobody is left, the fallback group gets it, so nothing is lost silently.
   */
  public List<String> addressesOf(List<Recipient> recipients) {
    Set<String> addresses = new LinkedHashSet<>();
    for (Recipient recipient : recipients) {
      Optional<String> address;
      if (recipient instanceof Recipient.Group group) {
        address = Optional.ofNullable(properties.addressOf(group.id()));
      } else if (recipient instanceof Recipient.User user) {
        address = emailOfUser(user.id());
      } else {
        address = valid(((Recipient.Address) recipient).email());
      }
      address.ifPresentOrElse(addresses::add, () -> log.warn("No e-mail address for {}: left out", recipient));
    }
    if (addresses.isEmpty()) {
      log.warn("None of {} has an e-mail address: sending to the fallback group {}", recipients,
          properties.fallbackGroup());
      addresses.add(properties.addressOf(properties.fallbackGroup()));
    }
    return new ArrayList<>(addresses);
  }

  /** The user's e-mail address from the identity service, if the user exists and has one. */
  public Optional<String> emailOfUser(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    User user = AsSystem.call(() -> identity.createUserQuery().userId(userId).singleResult());
    return user == null ? Optional.empty() : valid(user.getEmail());
  }

  /** "First Last" of the user, or the id when the identity service does not know them. */
  public String nameOfUser(String userId) {
    if (userId == null || userId.isBlank()) {
      return null;
    }
    User user = AsSystem.call(() -> identity.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? userId : name;
  }

  /** The e-mail address inside the template's "Reported By" (customer contact email/name), if there is one. */
  public static Optional<String> customerAddress(String reportedBy) {
    if (reportedBy == null) {
      return Optional.empty();
    }
    Matcher matcher = EMAIL.matcher(reportedBy);
    return matcher.find() ? valid(matcher.group()) : Optional.empty();
  }

  /**
   * Who receives a customer update: the customer's address in "Reported By"; without one, the point
   * of contact, who passes it on; empty when neither is known.
   */
  public static List<Recipient> customerOrPointOfContact(String reportedBy, String pointOfContact) {
    return customerAddress(reportedBy).map(Recipient::address).map(List::<Recipient>of)
        .orElseGet(() -> pointOfContact == null || pointOfContact.isBlank() ? List.of() : List.of(Recipient.user(pointOfContact)));
  }

  /**
   * The contact's name in "Reported By" without the address and remarks in brackets ("Jane Doe" of
   * "Jane Doe <jane@...>" or "Jane Doe (phone only)"), if any.
   */
  public static Optional<String> customerContactName(String reportedBy) {
    if (reportedBy == null) {
      return Optional.empty();
    }
    String name = EMAIL.matcher(reportedBy.replaceAll("\\([^)]*\\)|\\[[^\\]]*\\]", " ")).replaceAll("")
        .replaceAll("(?i)mailto:", " ").replaceAll("[<>()\\[\\]\"',;:]", " ").replaceAll("\\s+", " ").strip();
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  private static Optional<String> valid(String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    try {
      InternetAddress address = new InternetAddress(email.strip(), true);
      address.validate();
      return Optional.of(address.getAddress());
    } catch (AddressException e) {
      log.warn("Not an e-mail address: '{}'", email);
      return Optional.empty();
    }
  }
}
