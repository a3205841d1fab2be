package com.octoacme.support.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An escalation open now, with its current level and whether it had an SLA breach: a projection of its
 * facts, kept by {@link FactRecorder} in the facts' transaction, for the "open now" figure and gauges.
 */
@Entity
@Table(name = "escalation_open")
public class OpenEscalation {

  @Id
  @Column(name = "process_instance_id")
  private String processInstanceId;

  @Column(name = "ticket_id", nullable = false)
  private String ticketId;

  @Column(name = "escalated_at", nullable = false)
  private Instant escalatedAt;

  @Column(name = "level", nullable = false)
  private String level;

  @Column(name = "breached", nullable = false)
  private boolean breached;

  @Column(name = "account_tier")
  private String accountTier;

  @Column(name = "category", nullable = false)
  private String category;

  @Column(name = "issue_type")
  private String issueType;

  protected OpenEscalation() {}

  OpenEscalation(EscalationFact.Dimensions d, String level) {
    this.processInstanceId = d.processInstanceId();
    this.ticketId = d.ticketId();
    this.escalatedAt = d.escalatedAt();
    this.accountTier = d.accountTier();
    this.category = d.category();
    this.issueType = d.issueType();
    this.level = level;
  }

  void movedTo(String newLevel) {
    this.level = newLevel;
  }

  void breached() {
    this.breached = true;
  }
}
