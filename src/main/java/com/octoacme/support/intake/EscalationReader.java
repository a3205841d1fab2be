package com.octoacme.support.intake;

import static com.octoacme.support.escalation.EscalationVariables.*;

import com.octoacme.support.escalation.EscalationEvent;
import com.octoacme.support.escalation.EscalationEventRepository;
import com.octoacme.support.escalation.LevelChangeRepository;
import com.octoacme.support.escalation.ProcessVariable;
import com.octoacme.support.intake.EscalationDetails.Breach;
import com.octoacme.support.intake.EscalationDetails.LevelChangeEntry;
import com.octoacme.support.intake.EscalationDetails.Sla;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.springframework.stereotype.Component;

/**
 * Reads an escalation as the ticketing system sees it: from the runtime while its process instance runs,
 * from the history service once it has ended, plus the audit trail tables.
 */
@Component
class EscalationReader {

  private static final List<ProcessVariable<?>> READ = List.of(ESCALATION_LEVEL, DECIDED_LEVEL, OPENED_BY,
      RESPONSE_DUE_AT, RESPONSE_WARNING_AT, RESOLUTION_DUE_AT, RESOLUTION_WARNING_AT, REESCALATION_COUNT, CSAT_SCORE);

  private final RuntimeService runtime;
  private final HistoryService history;
  private final IntakeRecords intakes;
  private final EscalationEventRepository events;
  private final LevelChangeRepository levelChanges;
  private final com.octoacme.support.escalation.AcknowledgementRepository acknowledgements;

  EscalationReader(RuntimeService runtime, HistoryService history, IntakeRecords intakes,
      EscalationEventRepository events, LevelChangeRepository levelChanges,
      com.octoacme.support.escalation.AcknowledgementRepository acknowledgements) {
    this.acknowledgements = acknowledgements;
    this.runtime = runtime;
    this.history = history;
    this.intakes = intakes;
    this.events = events;
    this.levelChanges = levelChanges;
  }

  /** The state of one escalation's process instance. */
  record State(String ticketId, String processInstanceId, EscalationStatus status, Set<String> awaitedMessages,
      Instant openedAt, Instant closedAt, Map<String, Object> variables) {

    boolean ended() {
      return status == EscalationStatus.CLOSED;
    }

    boolean awaits(CustomerEvent event) {
      return awaitedMessages.contains(event.message);
    }

    String level() {
      return ESCALATION_LEVEL.from(variables);
    }
  }

  /**
   * The ticket's escalation: the one opened through the API, else the latest one opened elsewhere
   * (Tasklist), found by business key.
   */
  Optional<String> processInstanceOf(String ticketId) {
    Optional<String> opened = intakes.byTicketId(ticketId).map(IntakeRecords.IntakeRecord::processInstanceId);
    if (opened.isPresent()) {
      return opened;
    }
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_ID)
        .processInstanceBusinessKey(ticketId).orderByProcessInstanceStartTime().desc().listPage(0, 1).stream()
        .findFirst().map(HistoricProcessInstance::getId);
  }

  State state(String ticketId, String processInstanceId) {
    HistoricProcessInstance historic = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    Instant openedAt = historic == null ? null : instant(historic.getStartTime());
    boolean running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    if (!running) {
      Instant closedAt = historic == null ? null : instant(historic.getEndTime());
      return new State(ticketId, processInstanceId, EscalationStatus.CLOSED, Set.of(), openedAt, closedAt,
          historicVariables(processInstanceId));
    }
    EscalationStatus status = EscalationStatus.ofRunning(runtime.getActiveActivityIds(processInstanceId));
    Set<String> awaited = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
        .eventType("message").list().stream().map(EventSubscription::getEventName).collect(Collectors.toSet());
    Map<String, Object> variables = runtime.getVariables(processInstanceId, READ.stream().map(ProcessVariable::name).toList());
    return new State(ticketId, processInstanceId, status, awaited, openedAt, null, variables);
  }

  EscalationSummary summary(State state) {
    return new EscalationSummary(state.ticketId(), state.processInstanceId(), state.status(), state.level(), links(state));
  }

  EscalationDetails details(State state) {
    String ticketId = state.ticketId();
    String processInstanceId = state.processInstanceId();
    Map<String, Object> v = state.variables();
    List<Breach> breaches = events.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(e -> processInstanceId.equals(e.getProcessInstanceId()))
        .flatMap(e -> breachOf(e).stream())
        .toList();
    List<LevelChangeEntry> changes = levelChanges.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(c -> processInstanceId.equals(c.getProcessInstanceId()))
        .map(c -> new LevelChangeEntry(c.getFromLevel(), c.getToLevel(), c.getKind(), c.getReason(), c.getChangedBy(),
            c.getChangedAt()))
        .toList();
    List<EscalationDetails.AcknowledgementEntry> acks = acknowledgements.findByTicketIdOrderByIdAsc(ticketId).stream()
        .filter(a -> processInstanceId.equals(a.getProcessInstanceId()))
        .map(a -> new EscalationDetails.AcknowledgementEntry(a.getLevel(), a.getHandlerGroup(), a.getAcknowledgedBy(),
            a.getAcknowledgedAt(), a.getAssessment()))
        .toList();
    Long reescalations = REESCALATION_COUNT.from(v);
    return new EscalationDetails(ticketId, processInstanceId, state.status(), state.level(),
        DECIDED_LEVEL.from(v), OPENED_BY.from(v), state.openedAt(), state.closedAt(),
        instant(RESPONSE_DUE_AT.from(v)), instant(RESPONSE_WARNING_AT.from(v)), instant(RESOLUTION_DUE_AT.from(v)),
        instant(RESOLUTION_WARNING_AT.from(v)), breaches, changes, acks, reescalations == null ? 0 : reescalations,
        CSAT_SCORE.from(v), csatStatus(state, CSAT_SCORE.from(v)),
        links(state));
  }

  /** RECEIVED once the customer's score is in; PENDING while the resolved escalation waits for it. */
  static EscalationDetails.CsatStatus csatStatus(State state, Long score) {
    if (score != null) {
      return EscalationDetails.CsatStatus.RECEIVED;
    }
    if (state.status() == EscalationStatus.CLOSED) {
      return EscalationDetails.CsatStatus.NOT_RECEIVED;
    }
    return state.status() == EscalationStatus.RESOLVED ? EscalationDetails.CsatStatus.PENDING
        : EscalationDetails.CsatStatus.NOT_YET_ASKED;
  }

  private static Optional<Breach> breachOf(EscalationEvent event) {
    Sla sla = switch (event.getType()) {
      case RESPONSE_SLA_BREACHED -> Sla.RESPONSE;
      case RESOLUTION_SLA_BREACHED -> Sla.RESOLUTION;
      default -> null;
    };
    return Optional.ofNullable(sla).map(s -> new Breach(s, event.getLevel(), event.getDueAt(), event.getOccurredAt()));
  }

  private static Map<String, String> links(State state) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", EscalationIntakeController.BASE_PATH + "/" + state.ticketId());
    Stream.of(CustomerEvent.values()).filter(state::awaits)
        .forEach(event -> links.put(event.linkName, event.href(state.ticketId())));
    return links;
  }

  /** The process instance's own variables (not task- or subprocess-local ones), as they were at its end. */
  private Map<String, Object> historicVariables(String processInstanceId) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId)
        .variableNameIn(READ.stream().map(ProcessVariable::name).toArray(String[]::new))
        .list()) {
      if (processInstanceId.equals(variable.getExecutionId())) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
