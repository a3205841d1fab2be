package com.octoacme.support.featurerequest;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the requests for one feature add up to. A customer counts once however often they asked; their tier
 * and contract value are those of their latest request.
 */
record FeatureEvidence(List<FeatureRequestEntry> requests, List<Customer> customers, boolean roadmapFlagged) {

  /** One distinct requesting customer. */
  record Customer(String name, String tier, BigDecimal contractValue, int requests, String contact) {}

  /** Text variables of Camunda hold up to 4000 characters; the API has the whole list. */
  static final int MAX_TEXT = 3900;

  /** @param roadmapFlagged a product manager flagged the feature as aligned with the roadmap */
  static FeatureEvidence of(List<FeatureRequestEntry> requests, boolean roadmapFlagged) {
    Map<String, List<FeatureRequestEntry>> byCustomer = new LinkedHashMap<>();
    requests.forEach(r -> byCustomer.computeIfAbsent(r.getCustomerKey(), k -> new ArrayList<>()).add(r));
    List<Customer> customers = byCustomer.values().stream().map(own -> {
      FeatureRequestEntry latest = own.get(own.size() - 1);
      return new Customer(latest.getRequestingCustomer(), latest.getCustomerTier(), latest.getContractValue(),
          own.size(), latest.getCustomerContact());
    }).toList();
    return new FeatureEvidence(List.copyOf(requests), customers, roadmapFlagged);
  }

  int distinctCustomers() {
    return customers.size();
  }

  long enterpriseCustomers() {
    return customers.stream().filter(c -> "ENTERPRISE".equals(c.tier())).count();
  }

  BigDecimal summedContractValue() {
    return customers.stream().map(Customer::contractValue).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  BigDecimal highestContractValue() {
    return customers.stream().map(Customer::contractValue).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
  }

  boolean roadmapAligned() {
    return roadmapFlagged || requests.stream().anyMatch(FeatureRequestEntry::isRoadmapAligned);
  }

  boolean competitiveParity() {
    return requests.stream().anyMatch(FeatureRequestEntry::isCompetitiveParity);
  }

  boolean promisedInContract() {
    return requests.stream().anyMatch(FeatureRequestEntry::isPromisedInContract);
  }

  Set<String> ticketIds() {
    Set<String> tickets = new LinkedHashSet<>();
    requests.stream().map(FeatureRequestEntry::getTicketId).filter(t -> t != null).forEach(tickets::add);
    return tickets;
  }

  Set<String> requestingAgents() {
    Set<String> agents = new LinkedHashSet<>();
    requests.stream().map(FeatureRequestEntry::getRequestedBy).filter(a -> a != null).forEach(agents::add);
    return agents;
  }

  /** "3 requests from 2 distinct customers ..." then every customer and every request, for the review form. */
  String text() {
    StringBuilder text = new StringBuilder();
    text.append(requests.size()).append(requests.size() == 1 ? " request" : " requests").append(" from ")
        .append(distinctCustomers()).append(distinctCustomers() == 1 ? " distinct customer" : " distinct customers")
        .append("; summed contract value ").append(money(summedContractValue())).append("\n\nCustomers:\n");
    for (Customer c : customers) {
      text.append("- ").append(c.name()).append(" (").append(c.tier()).append(", ").append(money(c.contractValue()))
          .append("), ").append(c.requests()).append(c.requests() == 1 ? " request" : " requests")
          .append(", contact ").append(c.contact()).append('\n');
    }
    text.append("\nRequests:\n");
    int number = 0;
    for (FeatureRequestEntry r : requests) {
      String line = ++number + ". " + r.getRequestingCustomer() + (r.getTicketId() == null ? "" : " (" + r.getTicketId() + ")")
          + " by " + r.getRequestedBy() + ": " + r.getCustomerUseCase()
          + (r.getBusinessImpact() == null ? "" : " | Impact: " + r.getBusinessImpact())
          + (r.isWorkaroundAvailable() ? " | Workaround: " + r.getWorkaroundDescription() : " | No workaround")
          + (r.getCompetitiveContext() == null ? "" : " | Competitors: " + r.getCompetitiveContext()) + "\n";
      if (text.length() + line.length() > MAX_TEXT) {
        text.append("... and ").append(requests.size() - number + 1).append(" more (GET /api/feature-requests/{key})\n");
        break;
      }
      text.append(line);
    }
    return text.toString().strip();
  }

  static String money(BigDecimal value) {
    return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(value);
  }
}
