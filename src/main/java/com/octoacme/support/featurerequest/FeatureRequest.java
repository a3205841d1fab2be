package com.octoacme.support.featurerequest;

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
 * A feature (table {@code feature_request}): unique by key, owned by one process instance. Inserted only by
 * {@link FeatureRequestClaims}; its status follows the process.
 */
@Entity
@Table(name = "feature_request")
public class FeatureRequest {

  public enum Status { WAITING, IN_REVIEW, ACCEPTED, DECLINED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "feature_key", nullable = false, unique = true)
  private String featureKey;

  @Column(name = "process_instance_id", nullable = false)
  private String processInstanceId;

  @Column(name = "feature_summary", nullable = false)
  private String featureSummary;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private Status status;

  @Column(name = "criteria_met")
  private String criteriaMet;

  @Column(name = "review_status")
  private String reviewStatus;

  @Column(name = "target_release")
  private String targetRelease;

  @Column(name = "decline_reason")
  private String declineReason;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "roadmap_flagged_by")
  private String roadmapFlaggedBy;

  @Column(name = "roadmap_flagged_at")
  private Instant roadmapFlaggedAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected FeatureRequest() {}

  public boolean isDecided() {
    return status == Status.ACCEPTED || status == Status.DECLINED;
  }

  void evaluated(String criteriaMet, String reviewStatus, boolean reviewRequired) {
    this.criteriaMet = criteriaMet;
    this.reviewStatus = reviewStatus;
    if (status == Status.WAITING && reviewRequired) {
      status = Status.IN_REVIEW;
    }
  }

  void flagRoadmapAligned(String by, Instant at) {
    if (roadmapFlaggedAt == null) {
      this.roadmapFlaggedBy = by;
      this.roadmapFlaggedAt = at;
    }
  }

  public boolean isRoadmapFlagged() {
    return roadmapFlaggedAt != null;
  }

  void reviewStatus(String reviewStatus) {
    this.reviewStatus = reviewStatus;
  }

  void decided(ReviewOutcome outcome, String targetRelease, String declineReason, String decidedBy, Instant at) {
    this.status = outcome == ReviewOutcome.ACCEPTED ? Status.ACCEPTED : Status.DECLINED;
    this.targetRelease = targetRelease;
    this.declineReason = declineReason;
    this.decidedBy = decidedBy;
    this.decidedAt = at;
  }

  public Long getId() { return id; }
  public String getFeatureKey() { return featureKey; }
  public String getProcessInstanceId() { return processInstanceId; }
  public String getFeatureSummary() { return featureSummary; }
  public Status getStatus() { return status; }
  public String getCriteriaMet() { return criteriaMet; }
  public String getReviewStatus() { return reviewStatus; }
  public String getTargetRelease() { return targetRelease; }
  public String getDeclineReason() { return declineReason; }
  public String getDecidedBy() { return decidedBy; }
  public Instant getDecidedAt() { return decidedAt; }
  public String getRoadmapFlaggedBy() { return roadmapFlaggedBy; }
  public Instant getRoadmapFlaggedAt() { return roadmapFlaggedAt; }
  public String getCreatedBy() { return createdBy; }
  public Instant getCreatedAt() { return createdAt; }
}
