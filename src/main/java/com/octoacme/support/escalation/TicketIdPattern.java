package com.octoacme.support.escalation;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ticket IDs the ticketing system writes ({@code escalation.ticket-id-pattern}, a Java regular
 * expression the whole ID must match; by default Jira-style {@code SUP-123} and Zendesk's numeric
 * {@code 48213}). The start form's pattern is the same expression (checked by EscalationRequestLimitsTest).
 */
@Component
public class TicketIdPattern {

  private final Pattern pattern;
  private final String examples;

  public TicketIdPattern(@Value("${escalation.ticket-id-pattern}") String pattern,
      @Value("${escalation.ticket-id-examples}") String examples) {
    try {
      this.pattern = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("escalation.ticket-id-pattern is not a regular expression: " + e.getMessage());
    }
    this.examples = examples;
  }

  public boolean matches(String ticketId) {
    return pattern.matcher(ticketId).matches();
  }

  /** How the accepted IDs look, for people ("TICKET-12345, SUP-123 or 48213"). */
  public String examples() {
    return examples;
  }

  public String regex() {
    return pattern.pattern();
  }
}
