package com.octoacme.support.notification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The notifications the escalation sends. Each has its templates in {@code mail-templates/}
 * ({@code <template>.subject.mustache}, {@code .html.mustache}, {@code .text.mustache}) and the
 * template variables it offers: the {@link #COMMON} ones plus its own. A template using any other
 * name fails the application's start, naming the file.
 */
public enum NotificationKind {

  /** The template's "Initial Escalation Email to Engineering", to the level's handler groups (L2 and up). */
  ENGINEERING_ESCALATION("engineering-escalation", "handlerGroups"),
  /** The template's "Customer Update Template", to the customer. */
  CUSTOMER_UPDATE("customer-update", "greetingName", "currentStatus", "whatWeFound", "nextSteps",
      "expectedTimeline", "signedBy", "updateNumber"),
  /** A share of an SLA has passed: to whoever has the task, or its groups. */
  SLA_WARNING("sla-warning", "sla", "dueAt", "warned"),
  /** An SLA ran out: to the level's lead group. */
  SLA_BREACH("sla-breach", "sla", "dueAt", "reason", "leadGroup", "nextStep", "warningSkipped"),
  /** The escalation changed level: to the new level's lead group. */
  LEVEL_CHANGE("level-change", "fromLevel", "fromLevelTitle", "toLevel", "toLevelTitle", "changeKind", "reason",
      "changedBy", "changedAt", "handlerGroups"),
  /** The customer's update was not sent in time: to the point of contact. */
  CUSTOMER_UPDATE_OVERDUE("customer-update-overdue", "overdueSince"),
  /** Product decided a feature request: to each requesting customer's contact, once per contact and decision. */
  FEATURE_DECISION("feature-decision", "featureKey", "featureSummary", "decision", "accepted", "targetRelease",
      "declineReason", "greetingName", "requestingCustomer"),
  /** A product review is running out of time (or ran out): to the product managers. */
  FEATURE_REVIEW_OVERDUE("feature-review-overdue", "featureKey", "featureSummary", "reviewDueAt", "criteriaMet",
      "distinctCustomers", "overdue");

  /** Variables every template may use, about the escalation. */
  public static final List<String> COMMON = List.of("ticketId", "customerName", "issueSummary", "level", "levelTitle",
      "businessImpact", "usersAffected", "urgency", "priority", "accountTier", "reportedBy", "responseDueAt",
      "resolutionDueAt", "nextUpdateDue", "pointOfContact", "supportRep", "tasklistUrl", "cockpitUrl");

  private final String template;
  private final List<String> own;

  NotificationKind(String template, String... own) {
    this.template = template;
    this.own = List.of(own);
  }

  /** The template's file name stem in mail-templates/. */
  public String template() {
    return template;
  }

  /** The names its templates may use. */
  public Set<String> variables() {
    Set<String> all = new LinkedHashSet<>(COMMON);
    all.addAll(own);
    return all;
  }
}
