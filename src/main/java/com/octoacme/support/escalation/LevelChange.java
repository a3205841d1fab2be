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

/** One change of an escalation's level: who, when, why. Never updated, only added. */
@Entity
@Table(name = "escalation_level_change")
public class LevelChange {

  public enum Kind {
    /** The level the decision table suggested, accepted by Support. */
    DECIDED,
    /** Support overrode the suggested level. */
    OVERRIDDEN,
    /** A handler escalated by hand. */
    ESCALATED,
    /** A handler handed the escalation back down. */
    HANDED_BACK,
    /** A response or resolution SLA ran out. */
    SLA_BREACH,
    /** The customer reopened the escalation after its resolution: handled again at the same level. */
    REOPENED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "ticket_id", nullable = false)
  private String ticketId;

  @Column(name = "process_instance_id", nullable = false)
  private String processInstanceId;

  @Column(name = "from_level")
  private String fromLevel;

  @Column(name = "to_level", nullable = false)
  private String toLevel;

  @Enumerated(EnumType.STRING)
  @Column(name = "change_kind", nullable = false)
  private Kind kind;

  @Column(name = "reason")
  private String reason;

  @Column(name = "changed_by", nullable = false)
  private String changedBy;

  @Column(name = "changed_at", nullable = false)
  private Instant changedAt;

  protected LevelChange() {}

  public LevelChange(String ticketId, String processInstanceId, String fromLevel, String toLevel,
      Kind kind, String reason, String changedBy, Instant changedAt) {
    this.ticketId = ticketId;
    this.processInstanceId = processInstanceId;
    this.fromLevel = fromLevel;
    this.toLevel = toLevel;
    this.kind = kind;
    this.reason = reason;
    this.changedBy = changedBy;
    this.changedAt = changedAt;
  }

  public Long getId() { return id; }
  public String getTicketId() { return ticketId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getFromLevel() { return fromLevel; }
  public String getToLevel() { return toLevel; }
  public Kind getKind() { return kind; }
  public String getReason() { return reason; }
  public String getChangedBy() { return changedBy; }
  public Instant getChangedAt() { return changedAt; }
}
