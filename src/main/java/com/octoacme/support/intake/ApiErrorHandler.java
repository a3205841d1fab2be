package com.octoacme.support.intake;

import com.octoacme.support.escalation.EscalationRequestValidator;
import com.octoacme.support.escalation.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One error shape for everything under /api: {@link ApiError}. Requests elsewhere (Camunda's webapps,
 * the API docs) keep Spring's own error handling: their exceptions are passed on untouched.
 */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> handle(Exception exception, HttpServletRequest request) throws Exception {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      throw exception;
    }
    ApiError error = toError(exception, ticketIdOf(request));
    if (error.status() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
      // an outage, not a bug: one line per request, no stack trace
      log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), error.message());
      return ResponseEntity.status(error.status()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .contentType(MediaType.APPLICATION_JSON).body(error);
    }
    if (exception instanceof ApiException api && api.status() == HttpStatus.BAD_REQUEST) {
      // a client's mistake in the body or a header: one line (the escalation rules' refusals log their own)
      log.warn("{} {} refused: {}", request.getMethod(), request.getRequestURI(),
          EscalationRequestValidator.neutralised(error.message()));
    }
    if (error.status() >= 500) {
      log.error("{} {} failed", request.getMethod(), request.getRequestURI(), exception);
    }
    return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error);
  }

  static ApiError toError(Throwable exception, String ticketId) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return error(api.status(), api.field(), api.getMessage(), api.ticketId() != null ? api.ticketId() : ticketId);
      }
      if (cause instanceof InvalidFieldException invalid) {
        return error(HttpStatus.BAD_REQUEST, invalid.field(), invalid.getMessage(), ticketId);
      }
      if (cause instanceof BodySizeLimitFilter.PayloadTooLargeException tooLarge) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, null, tooLarge.getMessage(), ticketId);
      }
      if (cause instanceof MismatchingMessageCorrelationException) {
        return error(HttpStatus.CONFLICT, null, "the escalation does not wait for this event", ticketId);
      }
      if (cause instanceof OptimisticLockingException) {
        return error(HttpStatus.CONFLICT, null, "the escalation was changed by someone else at the same time; retry",
            ticketId);
      }
    }
    if (DatabaseUnavailable.causes(exception)) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, null, DatabaseUnavailable.MESSAGE, ticketId);
    }
    if (exception instanceof HttpMediaTypeNotSupportedException unsupported) {
      return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json, not "
          + (unsupported.getContentType() == null ? "untyped" : unsupported.getContentType()), ticketId);
    }
    if (exception instanceof HttpRequestMethodNotSupportedException unsupported) {
      return error(HttpStatus.METHOD_NOT_ALLOWED, null, unsupported.getMethod() + " is not supported here", ticketId);
    }
    if (exception instanceof HttpMessageNotReadableException) {
      return error(HttpStatus.BAD_REQUEST, null, "the request body cannot be read", ticketId);
    }
    if (exception instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
      HttpStatusCode code = response.getStatusCode();
      HttpStatus status = HttpStatus.resolve(code.value());
      String detail = response.getBody().getDetail();
      return new ApiError(code.value(), status == null ? "" : status.getReasonPhrase(), null,
          detail == null ? (status == null ? "refused" : status.getReasonPhrase()) : detail, ticketId);
    }
    return error(HttpStatus.INTERNAL_SERVER_ERROR, null, "an unexpected error occurred; nothing was changed", ticketId);
  }

  private static ApiError error(HttpStatus status, String field, String message, String ticketId) {
    return new ApiError(status.value(), status.getReasonPhrase(), field, message, ticketId);
  }

  private static String ticketIdOf(HttpServletRequest request) {
    Object fromBody = request.getAttribute(EscalationIntakeController.TICKET_ID_ATTRIBUTE);
    if (fromBody instanceof String ticketId) {
      return ticketId;
    }
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && map.get("ticketId") instanceof String ticketId) {
      return ticketId;
    }
    return null;
  }
}
