package com.octoacme.support.metrics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One fact of an escalation, for the metrics: appended, never updated (no setters). Carries the
 * escalation's dimensions (level at the time, account tier, category, issue type) and the instant the
 * escalation was opened, so that each figure reads one table. No customer names or contact data.
 */
@Entity
@Table(name = "escalation_fact")
public class EscalationFact {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "fact_key", nullable = false, updatable = false)
  private String factKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "fact_type", nullable = false, updatable = false)
  private FactType type;

  @Column(name = "ticket_id", nullable = false, updatable = false)
  private String ticketId;

  @Column(name = "process_instance_id", nullable = false, updatable = false)
  private String processInstanceId;

  @Column(name = "escalated_at", nullable = false, updatable = false)
  private Instant escalatedAt;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "level", nullable = false, updatable = false)
  private String level;

  @Column(name = "from_level", updatable = false)
  private String fromLevel;

  @Column(name = "change_kind", updatable = false)
  private String changeKind;

  @Column(name = "upward", updatable = false)
  private Boolean upward;

  @Column(name = "sla_kind", updatable = false)
  private String slaKind;

  @Column(name = "handler_group", updatable = false)
  private String handlerGroup;

  @Column(name = "account_tier", updatable = false)
  private String accountTier;

  @Column(name = "category", nullable = false, updatable = false)
  private String category;

  @Column(name = "issue_type", updatable = false)
  private String issueType;

  @Column(name = "due_at", updatable = false)
  private Instant dueAt;

  @Column(name = "within_sla", updatable = false)
  private Boolean withinSla;

  @Column(name = "wall_seconds", updatable = false)
  private Long wallSeconds;

  @Column(name = "business_seconds", updatable = false)
  private Long businessSeconds;

  /** The histogram buckets of the durations (MetricsRollup.bucket): the exact percentiles read one bucket's facts. */
  @Column(name = "wall_bucket", updatable = false)
  private Integer wallBucket;

  @Column(name = "business_bucket", updatable = false)
  private Integer businessBucket;

  @Column(name = "csat_score", updatable = false)
  private Short csatScore;

  @Column(name = "csat_replaces", updatable = false)
  private Short csatReplaces;

  @Column(name = "first_of_type", updatable = false)
  private Boolean firstOfType;

  protected EscalationFact() {}

  private EscalationFact(Builder b) {
    this.factKey = b.factKey;
    this.type = b.type;
    this.ticketId = b.dimensions.ticketId();
    this.processInstanceId = b.dimensions.processInstanceId();
    this.escalatedAt = b.dimensions.escalatedAt();
    this.accountTier = b.dimensions.accountTier();
    this.category = b.dimensions.category();
    this.issueType = b.dimensions.issueType();
    this.occurredAt = b.occurredAt;
    this.level = b.level;
    this.fromLevel = b.fromLevel;
    this.changeKind = b.changeKind;
    this.upward = b.upward;
    this.slaKind = b.slaKind;
    this.handlerGroup = b.handlerGroup;
    this.dueAt = b.dueAt;
    this.withinSla = b.withinSla;
    this.wallSeconds = b.wallSeconds;
    this.businessSeconds = b.businessSeconds;
    this.wallBucket = b.wallSeconds == null ? null : MetricsRollup.bucket(b.wallSeconds);
    this.businessBucket = b.businessSeconds == null ? null : MetricsRollup.bucket(b.businessSeconds);
    this.csatScore = b.csatScore == null ? null : b.csatScore.shortValue();
    this.csatReplaces = b.csatReplaces == null ? null : b.csatReplaces.shortValue();
    this.firstOfType = b.firstOfType;
  }

  /** The dimensions every fact of one escalation shares. */
  public record Dimensions(String ticketId, String processInstanceId, Instant escalatedAt, String accountTier,
      String category, String issueType) {}

  static Builder builder(String factKey, FactType type, Dimensions dimensions, Instant occurredAt, String level) {
    return new Builder(factKey, type, dimensions, occurredAt, level);
  }

  static final class Builder {
    private final String factKey;
    private final FactType type;
    private final Dimensions dimensions;
    private final Instant occurredAt;
    private final String level;
    private String fromLevel;
    private String changeKind;
    private Boolean upward;
    private String slaKind;
    private String handlerGroup;
    private Instant dueAt;
    private Boolean withinSla;
    private Long wallSeconds;
    private Long businessSeconds;
    private Long csatScore;
    private Short csatReplaces;
    private Boolean firstOfType;

    private Builder(String factKey, FactType type, Dimensions dimensions, Instant occurredAt, String level) {
      this.factKey = factKey;
      this.type = type;
      this.dimensions = dimensions;
      this.occurredAt = occurredAt;
      this.level = level;
    }

    Builder change(String from, String kind, boolean up) { fromLevel = from; changeKind = kind; upward = up; return this; }
    Builder sla(String kind) { slaKind = kind; return this; }
    Builder handlerGroup(String group) { handlerGroup = group; return this; }
    Builder due(Instant due) {
      dueAt = due;
      withinSla = due == null ? null : !occurredAt.isAfter(due);
      return this;
    }
    Builder durations(long wall, long business) { wallSeconds = wall; businessSeconds = business; return this; }
    Builder csat(Long score, Short replaces) { csatScore = score; csatReplaces = replaces; return this; }
    Builder firstOfType(boolean first) { firstOfType = first; return this; }
    Builder fromLevel(String from) { fromLevel = from; return this; }
    EscalationFact build() { return new EscalationFact(this); }
  }

  public Long getId() { return id; }
  public String getFactKey() { return factKey; }
  public FactType getType() { return type; }
  public String getTicketId() { return ticketId; }
  public String getProcessInstanceId() { return processInstanceId; }
  public Instant getEscalatedAt() { return escalatedAt; }
  public Instant getOccurredAt() { return occurredAt; }
  public String getLevel() { return level; }
  public String getFromLevel() { return fromLevel; }
  public String getChangeKind() { return changeKind; }
  public Boolean getUpward() { return upward; }
  public String getSlaKind() { return slaKind; }
  public String getHandlerGroup() { return handlerGroup; }
  public String getAccountTier() { return accountTier; }
  public String getCategory() { return category; }
  public String getIssueType() { return issueType; }
  public Instant getDueAt() { return dueAt; }
  public Boolean getWithinSla() { return withinSla; }
  public Long getWallSeconds() { return wallSeconds; }
  public Long getBusinessSeconds() { return businessSeconds; }
  public Short getCsatScore() { return csatScore; }
  public Short getCsatReplaces() { return csatReplaces; }
  public Boolean getFirstOfType() { return firstOfType; }

  public Dimensions dimensions() {
    return new Dimensions(ticketId, processInstanceId, escalatedAt, accountTier, category, issueType);
  }
}
