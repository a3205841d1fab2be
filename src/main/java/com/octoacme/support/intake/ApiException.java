package com.octoacme.support.intake;

import org.springframework.http.HttpStatus;

/** A refusal with its HTTP status, answered as an {@link ApiError}. */
class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;
  private final String ticketId;

  ApiException(HttpStatus status, String field, String message, String ticketId) {
    super(message);
    this.status = status;
    this.field = field;
    this.ticketId = ticketId;
  }

  static ApiException badRequest(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, field, message, null);
  }

  static ApiException notFound(String ticketId) {
    return new ApiException(HttpStatus.NOT_FOUND, null, "there is no escalation for ticket " + ticketId, ticketId);
  }

  static ApiException conflict(String message, String ticketId) {
    return new ApiException(HttpStatus.CONFLICT, null, message, ticketId);
  }

  HttpStatus status() {
    return status;
  }

  String field() {
    return field;
  }

  String ticketId() {
    return ticketId;
  }
}
