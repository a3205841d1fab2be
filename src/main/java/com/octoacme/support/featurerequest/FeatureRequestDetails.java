package com.octoacme.support.featurerequest;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The answer of GET /api/feature-requests/{featureKey}. */
@Schema(name = "FeatureRequest", description = "A feature request: one per feature, with every request for it, the "
    + "customers behind it, the review criteria that hold, what it waits for, Product's decision and the escalations "
    + "that asked for it.")
public record FeatureRequestDetails(
    @Schema(description = "The feature's key, the business key of its process instance.", example = "FEAT-SSO-SCIM")
    String featureKey,
    @Schema(description = "The feature-request process instance that owns the key.") String processInstanceId,
    @Schema(description = "The summary of the request that started it.") String featureSummary,
    @Schema(description = "WAITING (for a review criterion), IN_REVIEW, ACCEPTED or DECLINED.", example = "WAITING")
    String status,
    @Schema(description = "What it waits for, or the decision, for the requesting agents to read.")
    String reviewStatus,
    @Schema(description = "The review criteria that hold (VOLUME, IMPACT, STRATEGIC, COMPETITIVE, CONTRACT), "
        + "comma-separated; empty while none does.", example = "VOLUME, IMPACT", nullable = true) String criteriaMet,
    @Schema(description = "How many distinct customers asked (a customer who asked twice counts once).", example = "5")
    int distinctCustomers,
    @Schema(description = "The distinct customers' contract values added up (each customer once, latest value).")
    BigDecimal summedContractValue,
    @Schema(description = "The target release, once accepted.", nullable = true) String targetRelease,
    @Schema(description = "Why it was declined, once declined.", nullable = true) String declineReason,
    @Schema(description = "When Product decided.", nullable = true) Instant decidedAt,
    @Schema(description = "Who flagged the feature as aligned with the roadmap (POST .../roadmap-aligned), if anyone; "
        + "a request can flag it too.", nullable = true) String roadmapFlaggedBy,
    @Schema(description = "The ticket IDs of the escalations that asked for the feature; each shows this key "
        + "(variable featureRequestKey) and records the decision.") List<String> linkedEscalations,
    @Schema(description = "Every distinct requesting customer.") List<Customer> customers,
    @Schema(description = "Every request, in the order they arrived (repeated requests included).")
    List<Request> requests) {

  @Schema(name = "FeatureRequestCustomer", description = "A distinct requesting customer (tier and value of their latest request).")
  public record Customer(
      @Schema(description = "The customer's name.") String name,
      @Schema(description = "FREE, PRO or ENTERPRISE.") String tier,
      @Schema(description = "The annual contract value.") BigDecimal contractValue,
      @Schema(description = "How many of the requests are this customer's.") int requests,
      @Schema(description = "The customer's contact, who is told the decision.") String contact) {}

  @Schema(name = "FeatureRequestEntry", description = "One request for the feature, kept as evidence.")
  public record Request(
      @Schema(description = "The requesting customer.") String customer,
      @Schema(description = "The customer's tier at the request.") String tier,
      @Schema(description = "The customer's contract value at the request.") BigDecimal contractValue,
      @Schema(description = "The customer's contact.") String contact,
      @Schema(description = "The escalation's ticket ID, when an escalation raised it.", nullable = true) String ticketId,
      @Schema(description = "The customer's use case.") String useCase,
      @Schema(description = "The business impact.", nullable = true) String businessImpact,
      @Schema(description = "The workaround, if there is one.", nullable = true) String workaround,
      @Schema(description = "The competitive context.", nullable = true) String competitiveContext,
      @Schema(description = "The agent who submitted it.", nullable = true) String requestedBy,
      @Schema(description = "When it arrived.") Instant requestedAt) {}

  static FeatureRequestDetails of(FeatureRequest feature, FeatureEvidence evidence) {
    return new FeatureRequestDetails(feature.getFeatureKey(), feature.getProcessInstanceId(), feature.getFeatureSummary(),
        feature.getStatus().name(), feature.getReviewStatus(), feature.getCriteriaMet(), evidence.distinctCustomers(),
        evidence.summedContractValue(), feature.getTargetRelease(), feature.getDeclineReason(), feature.getDecidedAt(),
        feature.getRoadmapFlaggedBy(), List.copyOf(evidence.ticketIds()),
        evidence.customers().stream().map(c -> new Customer(c.name(), c.tier(), c.contractValue(), c.requests(), c.contact()))
            .toList(),
        evidence.requests().stream().map(r -> new Request(r.getRequestingCustomer(), r.getCustomerTier(),
            r.getContractValue(), r.getCustomerContact(), r.getTicketId(), r.getCustomerUseCase(), r.getBusinessImpact(),
            r.isWorkaroundAvailable() ? r.getWorkaroundDescription() : null, r.getCompetitiveContext(),
            r.getRequestedBy(), r.getRequestedAt())).toList());
  }
}
