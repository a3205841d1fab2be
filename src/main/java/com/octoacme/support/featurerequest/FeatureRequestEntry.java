package com.octoacme.support.featurerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/** One request for a feature (table {@code feature_request_entry}), kept as evidence. */
@Entity
@Table(name = "feature_request_entry")
public class FeatureRequestEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "feature_key", nullable = false)
  private String featureKey;

  @Column(name = "request_instance_id", nullable = false, unique = true)
  private String requestInstanceId;

  @Column(name = "ticket_id")
  private String ticketId;

  @Column(name = "requesting_customer", nullable = false)
  private String requestingCustomer;

  @Column(name = "customer_key", nullable = false)
  private String customerKey;

  @Column(name = "customer_contact", nullable = false)
  private String customerContact;

  @Column(name = "customer_tier", nullable = false)
  private String customerTier;

  @Column(name = "contract_value", nullable = false)
  private BigDecimal contractValue;

  @Column(name = "feature_summary", nullable = false)
  private String featureSummary;

  @Column(name = "customer_use_case", nullable = false)
  private String customerUseCase;

  @Column(name = "number_of_requests")
  private Integer numberOfRequests;

  @Column(name = "workaround_available", nullable = false)
  private boolean workaroundAvailable;

  @Column(name = "workaround_description")
  private String workaroundDescription;

  @Column(name = "business_impact")
  private String businessImpact;

  @Column(name = "competitive_context")
  private String competitiveContext;

  @Column(name = "roadmap_aligned", nullable = false)
  private boolean roadmapAligned;

  @Column(name = "competitive_parity", nullable = false)
  private boolean competitiveParity;

  @Column(name = "promised_in_contract", nullable = false)
  private boolean promisedInContract;

  @Column(name = "requested_by")
  private String requestedBy;

  @Column(name = "requested_at", nullable = false)
  private Instant requestedAt;

  protected FeatureRequestEntry() {}

  FeatureRequestEntry(String featureKey, String requestInstanceId, FeatureRequestForm request, String requestedBy,
      Instant requestedAt) {
    this.featureKey = featureKey;
    this.requestInstanceId = requestInstanceId;
    this.ticketId = request.ticketId();
    this.requestingCustomer = request.requestingCustomer().replaceAll("\\s+", " ");
    this.customerKey = customerKey(request.requestingCustomer());
    this.customerContact = request.customerContact();
    this.customerTier = request.customerTier();
    this.contractValue = request.contractValue();
    this.featureSummary = request.featureSummary();
    this.customerUseCase = request.customerUseCase();
    this.numberOfRequests = request.numberOfRequests();
    this.workaroundAvailable = request.workaroundAvailable();
    this.workaroundDescription = request.workaroundDescription();
    this.businessImpact = request.businessImpact();
    this.competitiveContext = request.competitiveContext();
    this.roadmapAligned = request.roadmapAligned();
    this.competitiveParity = request.competitiveParity();
    this.promisedInContract = request.promisedInContract();
    this.requestedBy = requestedBy;
    this.requestedAt = requestedAt;
  }

  /** "  Globex   Corp " and "globex corp" are one customer. */
  static String customerKey(String customer) {
    return customer.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  public Long getId() { return id; }
  public String getFeatureKey() { return featureKey; }
  public String getRequestInstanceId() { return requestInstanceId; }
  public String getTicketId() { return ticketId; }
  public String getRequestingCustomer() { return requestingCustomer; }
  public String getCustomerKey() { return customerKey; }
  public String getCustomerContact() { return customerContact; }
  public String getCustomerTier() { return customerTier; }
  public BigDecimal getContractValue() { return contractValue; }
  public String getFeatureSummary() { return featureSummary; }
  public String getCustomerUseCase() { return customerUseCase; }
  public Integer getNumberOfRequests() { return numberOfRequests; }
  public boolean isWorkaroundAvailable() { return workaroundAvailable; }
  public String getWorkaroundDescription() { return workaroundDescription; }
  public String getBusinessImpact() { return businessImpact; }
  public String getCompetitiveContext() { return competitiveContext; }
  public boolean isRoadmapAligned() { return roadmapAligned; }
  public boolean isCompetitiveParity() { return competitiveParity; }
  public boolean isPromisedInContract() { return promisedInContract; }
  public String getRequestedBy() { return requestedBy; }
  public Instant getRequestedAt() { return requestedAt; }
}
