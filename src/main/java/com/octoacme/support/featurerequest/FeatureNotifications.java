package com.octoacme.support.featurerequest;

import com.octoacme.support.identity.SupportGroup;
import com.octoacme.support.notification.MailModel;
import com.octoacme.support.notification.Notification;
import com.octoacme.support.notification.NotificationKind;
import com.octoacme.support.notification.Notifications;
import com.octoacme.support.notification.Recipient;
import com.octoacme.support.notification.RecipientDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The feature request's e-mails, through the notification outbox (exactly once per key). */
@Component
class FeatureNotifications {

  /** notification_key is at most 255 characters. */
  private static final int MAX_KEY = 255;

  private final Notifications notifications;
  private final RecipientDirectory directory;
  private final MailModel mailModel;

  FeatureNotifications(Notifications notifications, RecipientDirectory directory, MailModel mailModel) {
    this.notifications = notifications;
    this.directory = directory;
    this.mailModel = mailModel;
  }

  /**
   * One mail per distinct contact of the requesting customers (a contact who asked twice hears once), keyed
   * by feature, decision and contact, so a retried step sends nothing twice.
   *
   * @return how many were queued now
   */
  int announceDecision(String featureKey, String featureSummary, ReviewOutcome outcome, String targetRelease,
      String declineReason, List<FeatureRequestEntry> requests) {
    Map<String, FeatureRequestEntry> byContact = new LinkedHashMap<>();
    requests.forEach(r -> byContact.putIfAbsent(contactKey(r.getCustomerContact()), r));
    int queued = 0;
    for (Map.Entry<String, FeatureRequestEntry> contact : byContact.entrySet()) {
      FeatureRequestEntry request = contact.getValue();
      List<Recipient> to = RecipientDirectory.customerOrPointOfContact(request.getCustomerContact(), request.getRequestedBy());
      if (to.isEmpty()) {
        to = List.of(Recipient.group(SupportGroup.SUPPORT.id()));
      }
      Map<String, Object> model = new HashMap<>();
      model.put("featureKey", featureKey);
      model.put("featureSummary", featureSummary);
      model.put("decision", outcome.label());
      model.put("accepted", outcome == ReviewOutcome.ACCEPTED ? "yes" : null);
      model.put("targetRelease", targetRelease);
      model.put("declineReason", declineReason);
      model.put("requestingCustomer", request.getRequestingCustomer());
      model.put("customerName", request.getRequestingCustomer());
      model.put("greetingName", RecipientDirectory.customerContactName(request.getCustomerContact())
          .orElse(request.getRequestingCustomer()));
      model.put("supportRep", request.getRequestedBy() == null ? "OctoAcme Support" : directory.nameOfUser(request.getRequestedBy()));
      String key = key(featureKey, NotificationKind.FEATURE_DECISION, outcome.name() + ":" + contact.getKey());
      if (notifications.enqueue(new Notification(NotificationKind.FEATURE_DECISION, key, featureKey, to, model))) {
        queued++;
      }
    }
    return queued;
  }

  /** The review warning (before the due instant) or its escalation (at it), to the product managers. */
  boolean reviewRunningOut(String featureKey, String featureSummary, Date reviewDueAt, String criteriaMet,
      Long distinctCustomers, boolean overdue) {
    Map<String, Object> model = new HashMap<>();
    model.put("featureKey", featureKey);
    model.put("featureSummary", featureSummary);
    model.put("reviewDueAt", mailModel.date(reviewDueAt));
    model.put("criteriaMet", criteriaMet);
    model.put("distinctCustomers", distinctCustomers == null ? null : String.valueOf(distinctCustomers));
    model.put("overdue", overdue ? "yes" : null);
    model.put("tasklistUrl", mailModel.tasklistUrl(featureKey));
    String key = key(featureKey, NotificationKind.FEATURE_REVIEW_OVERDUE,
        (overdue ? "overdue:" : "warning:") + reviewDueAt.toInstant());
    return notifications.enqueue(new Notification(NotificationKind.FEATURE_REVIEW_OVERDUE, key, featureKey,
        List.of(Recipient.group(SupportGroup.PRODUCT_MANAGERS.id())), model));
  }

  /** The contact's address if it has one (lower case), else its folded text: one contact, one mail. */
  static String contactKey(String contact) {
    return RecipientDirectory.customerAddress(contact).orElse(contact.strip().replaceAll("\\s+", " "))
        .toLowerCase(Locale.ROOT);
  }

  /** "FEAT-SSO:feature-decision:ACCEPTED:jane@globex.example"; a part too long for the column is hashed. */
  static String key(String featureKey, NotificationKind kind, String part) {
    String key = featureKey + ":" + kind.template() + ":" + part;
    if (key.length() <= MAX_KEY) {
      return key;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(part.getBytes(StandardCharsets.UTF_8));
      return featureKey + ":" + kind.template() + ":" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
