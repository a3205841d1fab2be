package com.octoacme.support.board;

import com.octoacme.support.escalation.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The escalation tracking board's data (the page /board reads it). People only; each sees the escalations the
 * engine lets them read, the rule of GET /api/escalations/{ticketId} (SecurityConfiguration, EscalationReadAccess).
 */
@RestController
@RequestMapping(BoardController.BASE_PATH)
@Tag(name = "Escalation board", description = "Open escalations by level with their SLA state, a search over open "
    + "and closed escalations, and one escalation's timeline. For people (HTTP Basic with a Camunda user); each sees "
    + "the escalations the engine lets them read.")
class BoardController {

  static final String BASE_PATH = "/api/board";
  static final int MIN_QUERY = 2;
  static final int MAX_QUERY = 100;
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}<>]+");

  private final BoardQueries queries;
  private final EscalationTimeline timelines;

  BoardController(BoardQueries queries, EscalationTimeline timelines) {
    this.queries = queries;
    this.timelines = timelines;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The board: every open escalation the caller may read, by level",
      description = "Per escalation: customer, tier, level, status, SLA state (ON_TRACK, AT_RISK = past the warning "
          + "instant, BREACHED, PAUSED = waiting for the customer) with its reason and instants, handler groups, "
          + "assignees, next customer update due, open tasks, and links to Tasklist and Cockpit.")
  @ApiResponse(responseCode = "200", description = "The board.")
  @ApiResponse(responseCode = "401", description = "No or wrong credentials.", content = @Content)
  @ApiResponse(responseCode = "403", description = "Not a person (the ticketing system's key).", content = @Content)
  BoardViews.Board board(Authentication caller) {
    return queries.board(caller);
  }

  @GetMapping(value = "/search", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Find escalations, open and closed, by ticket ID or customer",
      description = "Escalations whose ticket ID or customer name contains the text (customer: case-insensitive), "
          + "newest first, at most " + BoardQueries.SEARCH_LIMIT + ".")
  @ApiResponse(responseCode = "200", description = "The escalations found that the caller may read.")
  @ApiResponse(responseCode = "400", description = "A missing, too short or too long text; 'field' is q.",
      content = @Content(schema = @Schema(implementation = com.octoacme.support.intake.ApiError.class)))
  BoardViews.Search search(Authentication caller, @Parameter(description = "Part of a ticket ID or customer name, "
      + MIN_QUERY + " to " + MAX_QUERY + " characters.", example = "Initech") @RequestParam(required = false) String q) {
    String query = q == null ? "" : q.strip();
    if (query.length() < MIN_QUERY || query.length() > MAX_QUERY) {
      throw new InvalidFieldException("q", "q must be " + MIN_QUERY + " to " + MAX_QUERY
          + " characters of a ticket ID or customer name");
    }
    if (!PRINTABLE.matcher(query).matches()) {
      throw new InvalidFieldException("q", "q must not contain control characters or markup");
    }
    return queries.search(caller, query);
  }

  @GetMapping(value = "/escalations/{ticketId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "One escalation's page: its state and timeline",
      description = "Level changes with who and why, first responses with the groups' assessments, warnings, "
          + "breaches, pauses, customer updates and every mail (subject, recipients, body, SENT / PENDING / FAILED).")
  @ApiResponse(responseCode = "200", description = "The escalation.")
  @ApiResponse(responseCode = "403", description = "The engine does not let the caller read this escalation.",
      content = @Content)
  @ApiResponse(responseCode = "404", description = "The ticket has no escalation.",
      content = @Content(schema = @Schema(implementation = com.octoacme.support.intake.ApiError.class)))
  BoardViews.Page escalation(@Parameter(description = "The ticket ID.", example = "TICKET-12345") @PathVariable String ticketId) {
    return timelines.page(ticketId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
        "there is no escalation for ticket " + ticketId));
  }
}
