package com.octoacme.support.operations;

import com.octoacme.support.escalation.InvalidFieldException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * The engine wraps an exception thrown by a task listener or a start's first step, so the REST API would
 * answer a refused form with 500 ("Cannot instantiate process definition ..."). Refused input is the
 * client's mistake: answer 400 with the field it names, and as {@code message} (what Tasklist shows) the
 * refusal in plain language under the field's label on the form ("Reported by: markup is not allowed").
 */
@Provider
@Priority(1)
public class InvalidFieldExceptionMapper implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidFieldException invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", InvalidFieldException.class.getSimpleName());
        body.put("message", invalid.forPeople());
        body.put("field", invalid.field());
        return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(exception);
  }
}
