package com.octoacme.support.escalation;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Bad input in a form or payload. Extends the engine's form validation exception so that Tasklist
 * and the REST API answer 400 with this message, and the transaction (a start, a task completion)
 * rolls back: nothing is started or changed.
 */
public class InvalidFieldException extends FormFieldValidationException {

  private final String field;

  /** @param message says what is wrong and names the field, e.g. "csatScore must be from 1 to 5" */
  public InvalidFieldException(String field, String message) {
    super(field, message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
