package com.octoacme.support.notification;

import static com.octoacme.support.escalation.EscalationVariables.*;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The template values every notification offers about its escalation ({@link NotificationKind#COMMON}),
 * read from the process variables: names instead of user ids, readable labels instead of enum
 * names, dates in the support centre's zone ({@code notification.time-zone}), links into Tasklist and Cockpit.
 */
@Component
public class MailModel {

  private final NotificationProperties properties;
  private final RecipientDirectory directory;
  private final DateTimeFormatter dates;

  public MailModel(NotificationProperties properties, RecipientDirectory directory) {
    this.properties = properties;
    this.directory = directory;
    this.dates = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH)
        .withZone(properties.timeZone());
  }

  /** The common values of the escalation the scope belongs to. */
  public Map<String, Object> of(VariableScope scope, String processInstanceId) {
    Map<String, Object> model = new HashMap<>();
    String ticketId = TICKET_ID.require(scope);
    model.put("ticketId", ticketId);
    model.put("customerName", CUSTOMER_NAME.from(scope).orElse(null));
    model.put("issueSummary", ISSUE_SUMMARY.from(scope).orElse(null));
    model.put("level", ESCALATION_LEVEL.from(scope).orElse(null));
    model.put("levelTitle", LEVEL_TITLE.from(scope).orElse(null));
    model.put("businessImpact", BUSINESS_IMPACT.from(scope).orElse(null));
    model.put("usersAffected", USERS_AFFECTED.from(scope).map(String::valueOf).orElse(null));
    model.put("urgency", URGENCY.from(scope).map(MailModel::label).orElse(null));
    model.put("priority", PRIORITY.from(scope).or(() -> URGENCY.from(scope)).map(MailModel::label).orElse(null));
    model.put("accountTier", ACCOUNT_TIER.from(scope).map(MailModel::label).orElse(null));
    model.put("reportedBy", REPORTED_BY.from(scope).orElse(null));
    model.put("responseDueAt", RESPONSE_DUE_AT.from(scope).map(this::date).orElse(null));
    model.put("resolutionDueAt", RESOLUTION_DUE_AT.from(scope).map(this::date).orElse(null));
    model.put("nextUpdateDue", NEXT_UPDATE_DUE.from(scope).map(this::date).orElse(null));
    model.put("pointOfContact", POINT_OF_CONTACT.from(scope).map(directory::nameOfUser).orElse(null));
    model.put("supportRep", OPENED_BY.from(scope).map(directory::nameOfUser).orElse("OctoAcme Support"));
    model.put("tasklistUrl", tasklistUrl(ticketId));
    model.put("cockpitUrl", cockpitUrl(processInstanceId));
    return model;
  }

  /** A date as people read it, in the support centre's zone: "Mon 23 Nov 2026, 10:00 CET". */
  public String date(Date date) {
    return date == null ? null : date(date.toInstant());
  }

  public String date(Instant instant) {
    return instant == null ? null : dates.format(instant);
  }

  /** Tasklist showing the open tasks of the ticket (search by business key). */
  public String tasklistUrl(String ticketId) {
    String search = "[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\""
        + ticketId.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"name\":\"\"}]";
    return properties.appBaseUrl() + "/camunda/app/tasklist/default/#/?searchQuery="
        + URLEncoder.encode(search, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Cockpit's page of the escalation's process instance. */
  public String cockpitUrl(String processInstanceId) {
    return properties.appBaseUrl() + "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId;
  }

  /** "FIX_IN_PROGRESS" → "Fix in progress". */
  public static String label(String enumName) {
    if (enumName == null || enumName.isBlank()) {
      return null;
    }
    String words = enumName.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
