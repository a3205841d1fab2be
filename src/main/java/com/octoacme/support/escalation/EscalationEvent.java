package com.octoacme.support.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Something that happened to an escalation, kept for the audit trail and the escalation metrics. */
@Entity
@Table(name = "escalation_event")
public class EscalationEvent {

  public enum Type {
    OPENED,
    FIRST_RESPONSE,
    SLA_WARNING,
    /** The SLA's warning never came: its breach fired first (both overdue after a backlog). */
    SLA_WARNING_SKIPPED,
    RESPONSE_SLA_BREACHED,
    RESOLUTION_SLA_BREACHED,
    LEAD_INFORMED,
    RESOLUTION_CLOCK_PAUSED,
    RESOLUTION_CLOCK_RESUMED,
    SLA_RECALCULATED,
    CUSTOMER_UPDATE_SENT,
    CUSTOMER_UPDATE_OVERDUE,
    RESOLVED,
    FIX_VERIFIED,
    CSAT_RECEIVED,
    REOPENED,
    CLOSED,
    /** A feature request was raised from the escalation (detail: the feature key). */
    FEATURE_REQUESTED,
    /** Product decided a feature request the escalation raised (detail: key and decision). */
    FEATURE_DECIDED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "ticket_id", nullable = false)
  private String ticketId;

  @Column(name = "process_instance_id", nullable = false)
  private String processInstanceId;

  @Column(name = "level")
  private String level;

  @Enumerated(EnumType.STRING)
  @Column(name = "event_type", nullable = false)
  private Type type;

  @Column(name = "detail")
  private String detail;

  @Column(name = "actor")
  private String actor;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  /** For SLA events: the instant the SLA fell due. */
  @Column(name = "due_at")
  private Instant dueAt;

  protected EscalationEvent() {}

  public EscalationEvent(String ticketId, String processInstanceId, String level, Type type, String detail,
      String actor, Instant occurredAt, Instant dueAt) {
    this.ticketId = ticketId;
    this.processInstanceId = processInstanceId;
    this.level = level;
    this.type = type;
    this.detail = detail;
    this.actor = actor;
    this.occurredAt = occurredAt;
    this.dueAt = dueAt;
  }

  public Long getId() { return id; }
  public String getTicketId() { return ticketId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getLevel() { return level; }
  public Type getType() { return type; }
  public String getDetail() { return detail; }
  public String getActor() { return actor; }
  public Instant getOccurredAt() { return occurredAt; }
  public Instant getDueAt() { return dueAt; }
}
