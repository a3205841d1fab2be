package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.CSAT_SCORE;
import static com.octoacme.support.escalation.EscalationVariables.CUSTOMER_REPLY_SUMMARY;
import static com.octoacme.support.escalation.EscalationVariables.REOPEN_REASON;

import com.octoacme.support.escalation.EscalationRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ticketing system's API: opens escalations from tickets, reads them, and reports customer events.
 * No authentication here; when a caller is known (a later security layer), it is the escalation's opener.
 */
@RestController
@RequestMapping(EscalationIntakeController.BASE_PATH)
@Tag(name = EscalationIntakeController.TAG)
class EscalationIntakeController {

  static final String BASE_PATH = "/api/escalations";
  static final String TAG = "Escalations";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** The request attribute the error handler reads the ticket ID from, once the body named one. */
  static final String TICKET_ID_ATTRIBUTE = EscalationIntakeController.class.getName() + ".ticketId";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  private final EscalationIntakeService service;
  private final JsonBodies bodies;

  EscalationIntakeController(EscalationIntakeService service, JsonBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Open an escalation for a support ticket",
      description = "Checks the escalation template's fields and starts the support-escalation process with the "
          + "ticket ID as business key. Idempotent: the same ticket ID, or the same Idempotency-Key with the same "
          + "body, returns the escalation opened first (200) and never starts a second one, also for concurrent "
          + "duplicates. One escalation per ticket, for good: once a ticket's escalation has ended, opening it again "
          + "is refused (409); a customer reopens an escalation before it is closed (POST .../events/reopened), a "
          + "new problem needs a new ticket. Nothing is started when the request is refused.")
  @ApiResponse(responseCode = "201", description = "Opened: a new escalation for the ticket. Location names it.",
      headers = @Header(name = "Location", description = "The escalation's URL, /api/escalations/{ticketId}."),
      content = @Content(schema = @Schema(implementation = EscalationSummary.class)))
  @ApiResponse(responseCode = "200", description = "Already open: the escalation this ticket (or this "
      + "Idempotency-Key) opened before; nothing new was started.",
      content = @Content(schema = @Schema(implementation = EscalationSummary.class)))
  @ApiResponse(responseCode = "400", description = "Refused input: malformed JSON, a field of the wrong JSON type, "
      + "an unknown or duplicate field, a missing required field, an unknown enumeration value, a bad ticket ID, "
      + "markup or control characters, too long a text, a number out of range, or a malformed Idempotency-Key. "
      + "'field' names the field.", content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "409", description = "The ticket already had an escalation that has ended: "
      + "'ticket TICKET-1 already had an escalation, closed at ...; reopen it instead'. Or the ticket is being "
      + "opened by a concurrent request that has not finished: retry.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "413", description = "The body is larger than intake.max-body-bytes (64 KiB by default).",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "415", description = "The body is not application/json.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used before for another ticket, or for "
      + "the same ticket with a different body.", content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "500", description = "An unexpected failure; nothing was started.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  ResponseEntity<EscalationSummary> open(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
          description = "The escalation template's fields under their catalogue names.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = EscalationRequest.class)))
      @RequestBody(required = false) byte[] body,
      @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = "Makes retries safe: a request "
          + "repeated with the same key and body returns the escalation the first one opened. 1-255 visible ASCII "
          + "characters, e.g. a UUID; a new key for each new request.", example = "7f1c9d3e-3b8a-4e0c-9a57-2f1e6c0d9b41")
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @Parameter(hidden = true) Principal caller,
      HttpServletRequest servletRequest) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw ApiException.badRequest(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + " must be 1-255 visible ASCII characters");
    }
    // JSON types here; the escalation rules in the service (EscalationRequestValidator, the one validation)
    EscalationRequest request = bodies.bind(body, EscalationRequest.class);
    servletRequest.setAttribute(TICKET_ID_ATTRIBUTE, request.ticketId());
    EscalationIntakeService.Opened opened = service.open(request, idempotencyKey, caller == null ? null : caller.getName());
    EscalationSummary escalation = opened.escalation();
    if (opened.created()) {
      return ResponseEntity.created(URI.create(BASE_PATH + "/" + escalation.ticketId())).body(escalation);
    }
    return ResponseEntity.ok(escalation);
  }

  @GetMapping(value = "/{ticketId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Read a ticket's escalation",
      description = "Status, level, SLA instants, SLA breaches, level history and re-escalations of the ticket's "
          + "escalation; an ended escalation is read from the process history.")
  @ApiResponse(responseCode = "200", description = "The escalation.",
      content = @Content(schema = @Schema(implementation = EscalationDetails.class)))
  @ApiResponse(responseCode = "404", description = "The ticket has no escalation.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "500", description = "An unexpected failure.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  EscalationDetails get(@TicketIdParameter @PathVariable String ticketId) {
    return service.details(ticketId);
  }

  @PostMapping(value = "/{ticketId}/events/customer-replied", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The customer replied",
      description = "Ends the escalation's wait for the customer (message CustomerReplied): the resolution clock "
          + "runs again. Only while the escalation is WAITING_FOR_CUSTOMER.")
  @EventResponses
  ResponseEntity<EscalationSummary> customerReplied(@TicketIdParameter @PathVariable String ticketId,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The customer's reply.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CustomerEvents.CustomerReplied.class)))
      @RequestBody(required = false) byte[] body) {
    CustomerEvents.CustomerReplied reply = bodies.read(body, CustomerEvents.CustomerReplied.class);
    Map<String, Object> variables = new HashMap<>();
    variables.put(CUSTOMER_REPLY_SUMMARY.name(), EventTexts.check("summary", reply.summary()));
    return ResponseEntity.accepted().body(service.report(ticketId, CustomerEvent.CUSTOMER_REPLIED, variables));
  }

  @PostMapping(value = "/{ticketId}/events/fix-verified", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The customer verified the fix",
      description = "Ticks 'Verified fix with customer' on the after-resolution checklist (message FixVerified). "
          + "Only while the escalation is RESOLVED. No body.")
  @EventResponses
  ResponseEntity<EscalationSummary> fixVerified(@TicketIdParameter @PathVariable String ticketId) {
    return ResponseEntity.accepted().body(service.report(ticketId, CustomerEvent.FIX_VERIFIED, Map.of()));
  }

  @PostMapping(value = "/{ticketId}/events/csat-received", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The customer's CSAT score arrived",
      description = "Records the score on the after-resolution checklist (message CsatReceived, variable csatScore). "
          + "Only while the escalation is RESOLVED.")
  @EventResponses
  ResponseEntity<EscalationSummary> csatReceived(@TicketIdParameter @PathVariable String ticketId,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The score and comment.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CustomerEvents.CsatReceived.class)))
      @RequestBody(required = false) byte[] body) {
    CustomerEvents.CsatReceived csat = bodies.read(body, CustomerEvents.CsatReceived.class);
    EventTexts.check("comment", csat.comment());
    Map<String, Object> variables = new HashMap<>();
    variables.put(CSAT_SCORE.name(), csat.score());
    return ResponseEntity.accepted().body(service.report(ticketId, CustomerEvent.CSAT_RECEIVED, variables));
  }

  @PostMapping(value = "/{ticketId}/events/reopened", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The customer reopened the ticket",
      description = "A re-escalation (message EscalationReopened): the escalation is handled again at the level "
          + "that resolved it. Only while the escalation is RESOLVED, i.e. before it is closed.")
  @EventResponses
  ResponseEntity<EscalationSummary> reopened(@TicketIdParameter @PathVariable String ticketId,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "Why it was reopened.",
          content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
              schema = @Schema(implementation = CustomerEvents.Reopened.class)))
      @RequestBody(required = false) byte[] body) {
    CustomerEvents.Reopened reopening = bodies.read(body, CustomerEvents.Reopened.class);
    Map<String, Object> variables = new HashMap<>();
    variables.put(REOPEN_REASON.name(), EventTexts.check("reason", reopening.reason()));
    return ResponseEntity.accepted().body(service.report(ticketId, CustomerEvent.REOPENED, variables));
  }

  /** The path's ticket ID, documented once. */
  @Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @Parameter(in = ParameterIn.PATH, name = "ticketId", description = "The support ticket's ID (the escalation's "
      + "business key).", example = "TICKET-12345", required = true)
  @interface TicketIdParameter {}

  /** The answers of every customer event. */
  @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
  @Retention(RetentionPolicy.RUNTIME)
  @ApiResponse(responseCode = "202", description = "Accepted: the event was passed to the escalation; the body shows "
      + "its status now.", content = @Content(schema = @Schema(implementation = EscalationSummary.class)))
  @ApiResponse(responseCode = "400", description = "Refused body: malformed JSON, a wrong JSON type, an unknown or "
      + "missing field, a value out of range, markup or control characters. 'field' names the field.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "404", description = "The ticket has no escalation.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "409", description = "The escalation does not wait for this event now, e.g. "
      + "'TICKET-1 is not waiting for a customer reply; it is RESOLVED', or it has ended (CLOSED). Nothing changed.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "413", description = "The body is larger than intake.max-body-bytes.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "415", description = "The body is not application/json.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "500", description = "An unexpected failure; nothing changed.",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @interface EventResponses {}
}
