package com.octoacme.support.intake;

import java.util.regex.Pattern;

/**
 * The free texts of customer events (reply summary, CSAT comment, reopen reason) are not fields of the
 * escalation template, so EscalationRequestValidator has no rule for them. They get the rule its
 * multi-line text fields have: no markup, no control characters other than line breaks and tabs.
 * To be replaced by a call to the validator once it offers its text rule for other fields.
 */
final class EventTexts {

  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");
  private static final Pattern MARKUP =
      Pattern.compile("<\\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|javascript:", Pattern.CASE_INSENSITIVE);

  private EventTexts() {}

  /** The text, stripped; null stays null. */
  static String check(String field, String value) {
    if (value == null) {
      return null;
    }
    if (CONTROL_CHARACTERS.matcher(value).find()) {
      throw ApiException.badRequest(field, field + " contains control characters");
    }
    if (MARKUP.matcher(value).find()) {
      throw ApiException.badRequest(field, field + " must not contain markup (HTML tags, entities or script links)");
    }
    return value.strip();
  }
}
