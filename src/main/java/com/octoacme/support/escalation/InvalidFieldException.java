package com.octoacme.support.escalation;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Bad input in a form or payload. The transaction (a start, a task completion) rolls back: nothing is
 * started or changed. The REST API and Tasklist answer 400 with the field it names (operations'
 * InvalidFieldExceptionMapper, intake's ApiErrorHandler). A {@link BadUserRequestException}, so the
 * engine logs it at DEBUG: a person's typo is no error of the application.
 */
public class InvalidFieldException extends BadUserRequestException {

  private final String field;
  private final String forPeople;

  /** @param message says what is wrong and names the field, e.g. "csatScore must be from 1 to 5" */
  public InvalidFieldException(String field, String message) {
    this(field, message, message);
  }

  /**
   * @param message names the field by its variable name, for programs and logs
   * @param forPeople names it by its label on the form, as Tasklist shows it ("Reported by: markup is not allowed")
   */
  public InvalidFieldException(String field, String message, String forPeople) {
    super(message);
    this.field = field;
    this.forPeople = forPeople;
  }

  public String field() {
    return field;
  }

  /** What the person who filled in the form reads. */
  public String forPeople() {
    return forPeople;
  }
}
