package com.octoacme.support.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One handler group's first response at a level: who, when, and their initial assessment. */
@Entity
@Table(name = "escalation_acknowledgement")
public class Acknowledgement {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "ticket_id", nullable = false)
  private String ticketId;

  @Column(name = "process_instance_id", nullable = false)
  private String processInstanceId;

  @Column(name = "level", nullable = false)
  private String level;

  @Column(name = "handler_group", nullable = false)
  private String handlerGroup;

  @Column(name = "acknowledged_by", nullable = false)
  private String acknowledgedBy;

  @Column(name = "acknowledged_at", nullable = false)
  private Instant acknowledgedAt;

  @Column(name = "assessment", nullable = false)
  private String assessment;

  protected Acknowledgement() {}

  public Acknowledgement(String ticketId, String processInstanceId, String level, String handlerGroup,
      String acknowledgedBy, Instant acknowledgedAt, String assessment) {
    this.ticketId = ticketId;
    this.processInstanceId = processInstanceId;
    this.level = level;
    this.handlerGroup = handlerGroup;
    this.acknowledgedBy = acknowledgedBy;
    this.acknowledgedAt = acknowledgedAt;
    this.assessment = assessment;
  }

  public String getTicketId() { return ticketId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getLevel() { return level; }
  public String getHandlerGroup() { return handlerGroup; }
  public String getAcknowledgedBy() { return acknowledgedBy; }
  public Instant getAcknowledgedAt() { return acknowledgedAt; }
  public String getAssessment() { return assessment; }
}
