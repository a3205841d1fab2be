package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.TICKET_ID;

import com.octoacme.support.escalation.EscalationRequest;
import com.octoacme.support.escalation.EscalationRequestValidator;
import com.octoacme.support.escalation.TicketClaims;
import com.octoacme.support.intake.IntakeRecords.IntakeRecord;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens escalations idempotently, reads them, and passes customer events on as BPMN messages.
 */
@Service
class EscalationIntakeService {

  private static final Logger log = LoggerFactory.getLogger(EscalationIntakeService.class);
  /** A claim that lost a race is looked up again; a claim that keeps losing is given up after this many rounds. */
  private static final int ATTEMPTS = 3;

  private final EscalationRequestValidator validator;
  private final EscalationOpener opener;
  private final IntakeRecords intakes;
  private final EscalationReader reader;
  private final RuntimeService runtime;

  EscalationIntakeService(EscalationRequestValidator validator, EscalationOpener opener, IntakeRecords intakes,
      EscalationReader reader, RuntimeService runtime) {
    this.validator = validator;
    this.opener = opener;
    this.intakes = intakes;
    this.reader = reader;
    this.runtime = runtime;
  }

  /** The escalation, and whether this call opened it (201) or found it (200). */
  record Opened(EscalationSummary escalation, boolean created) {}

  /**
   * Opens the ticket's escalation, or returns the one the same ticket or the same Idempotency-Key opened.
   *
   * @throws com.octoacme.support.escalation.InvalidFieldException when the request breaks a template rule (400)
   * @throws ApiException 409 when the ticket's escalation has ended, 422 when the key belongs to another request
   */
  Opened open(EscalationRequest request, String idempotencyKey, String openedBy) {
    // The one validation, here before the ticket is claimed (it runs again, the same, in the start's transaction).
    validator.validate(request);
    String ticketId = request.ticketId();
    String payloadSha256 = intakes.sha256(request);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<EscalationSummary> existing = existing(ticketId, idempotencyKey, payloadSha256);
      if (existing.isPresent()) {
        return new Opened(existing.get(), false);
      }
      try {
        String processInstanceId = opener.open(request, idempotencyKey, openedBy);
        return new Opened(reader.summary(reader.state(ticketId, processInstanceId)), true);
      } catch (DuplicateKeyException | TicketClaims.TicketAlreadyEscalated raced) {
        // Another request (through the API or Tasklist) claimed the ticket or the key and has committed by now:
        // answer with its escalation.
        log.debug("Ticket {} was claimed concurrently (attempt {}); looking it up again", ticketId, attempt);
      }
    }
    throw new ApiException(HttpStatus.CONFLICT, null,
        "ticket " + ticketId + " is being opened by another request at the same time; retry", ticketId);
  }

  private Optional<EscalationSummary> existing(String ticketId, String idempotencyKey, String payloadSha256) {
    if (idempotencyKey != null) {
      Optional<IntakeRecord> byKey = intakes.byIdempotencyKey(idempotencyKey);
      if (byKey.isPresent()) {
        IntakeRecord earlier = byKey.get();
        if (!earlier.ticketId().equals(ticketId)) {
          throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, EscalationIntakeController.IDEMPOTENCY_KEY,
              "Idempotency-Key '" + idempotencyKey + "' was already used to open ticket " + earlier.ticketId()
                  + "; it cannot open ticket " + ticketId + ": use a new key for each request", ticketId);
        }
        if (!earlier.payloadSha256().equals(payloadSha256)) {
          throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, EscalationIntakeController.IDEMPOTENCY_KEY,
              "Idempotency-Key '" + idempotencyKey + "' was already used for ticket " + ticketId
                  + " with a different request body: send the same body again, or use a new key", ticketId);
        }
        // A replay of the request that opened it: its escalation, whatever became of it since.
        return Optional.of(reader.summary(reader.state(ticketId, earlier.processInstanceId())));
      }
    }
    Optional<String> processInstanceId = reader.processInstanceOf(ticketId);
    if (processInstanceId.isEmpty()) {
      return Optional.empty();
    }
    EscalationReader.State state = reader.state(ticketId, processInstanceId.get());
    if (state.ended()) {
      throw ApiException.conflict("ticket " + ticketId + " already had an escalation, closed at "
          + (state.closedAt() == null ? "an unknown time" : state.closedAt()) + "; reopen it instead", ticketId);
    }
    return Optional.of(reader.summary(state));
  }

  @Transactional(readOnly = true)
  public EscalationDetails details(String ticketId) {
    return reader.details(reader.state(ticketId, processInstanceOf(ticketId)));
  }

  /**
   * Correlates the event's message with the ticket's escalation, if it waits for it.
   *
   * @throws ApiException 404 for an unknown ticket, 409 when the escalation does not wait for this event
   */
  @Transactional
  public EscalationSummary report(String ticketId, CustomerEvent event, Map<String, Object> variables) {
    EscalationReader.State before = reader.state(ticketId, processInstanceOf(ticketId));
    if (!before.awaits(event)) {
      throw ApiException.conflict(event.notAwaited(ticketId, before.status()), ticketId);
    }
    try {
      runtime.createMessageCorrelation(event.message)
          .processInstanceBusinessKey(ticketId)
          // Other processes (notification delivery) share the business key: aim at the escalation itself.
          .processInstanceId(before.processInstanceId())
          .setVariables(variables)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      // It stopped waiting between the check and the correlation.
      throw ApiException.conflict(event.notAwaited(ticketId, reader.state(ticketId, before.processInstanceId()).status()),
          ticketId);
    }
    return reader.summary(reader.state(ticketId, before.processInstanceId()));
  }

  private String processInstanceOf(String ticketId) {
    return reader.processInstanceOf(ticketId).orElseThrow(() -> ApiException.notFound(ticketId));
  }

}
