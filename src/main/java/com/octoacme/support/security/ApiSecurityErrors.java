package com.octoacme.support.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.octoacme.support.intake.ApiError;
import com.octoacme.support.intake.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters, in the API's one error shape. */
final class ApiSecurityErrors {

  private ApiSecurityErrors() {}

  static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
    return (request, response, exception) -> {
      if (exception instanceof AuthenticationServiceException && DatabaseUnavailable.causes(exception)) {
        // the password could not be checked: the database is down, not the caller wrong
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        write(json, response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.MESSAGE);
        return;
      }
      write(json, response, HttpStatus.UNAUTHORIZED,
          "Authentication required: HTTP Basic with a user of the escalation app, or the ticketing system's X-API-Key");
    };
  }

  static AccessDeniedHandler forbidden(ObjectMapper json) {
    return (request, response, exception) -> write(json, response, HttpStatus.FORBIDDEN,
        "Your groups do not allow " + request.getMethod() + " " + request.getRequestURI());
  }

  static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"support-escalation\"");
    }
    json.writeValue(response.getOutputStream(), new ApiError(status.value(), status.getReasonPhrase(), null, message, null));
  }
}
