package com.octoacme.support.escalation;

/**
 * The element ids, message names and decision keys of the support-escalation process that Java uses.
 * Written from the model and checked against it by ModelConventionsTest: every element has a constant
 * here and every constant is an element; no other Java file spells these ids.
 */
public final class EscalationModel {

  private EscalationModel() {}

  // Elements (id = name in Modeler)
  /** Escalation requested */
  public static final String START_EVENT_ESCALATION_REQUESTED = "StartEvent_EscalationRequested";
  /** Validate escalation request */
  public static final String TASK_VALIDATE_ESCALATION_REQUEST = "Task_ValidateEscalationRequest";
  /** Decide escalation level */
  public static final String TASK_DECIDE_ESCALATION_LEVEL = "Task_DecideEscalationLevel";
  /** Review escalation level */
  public static final String TASK_REVIEW_ESCALATION_LEVEL = "Task_ReviewEscalationLevel";
  /** Record level decision */
  public static final String TASK_RECORD_LEVEL_DECISION = "Task_RecordLevelDecision";
  /** Feature enhancement requested? */
  public static final String GATEWAY_FEATURE_ENHANCEMENT_REQUESTED = "Gateway_FeatureEnhancementRequested";
  /** Raise feature request */
  public static final String TASK_RAISE_FEATURE_REQUEST = "Task_RaiseFeatureRequest";
  /** Feature request handled */
  public static final String GATEWAY_FEATURE_REQUEST_HANDLED = "Gateway_FeatureRequestHandled";
  /** Level set */
  public static final String GATEWAY_LEVEL_SET = "Gateway_LevelSet";
  /** Look up level policy */
  public static final String TASK_LOOK_UP_LEVEL_POLICY = "Task_LookUpLevelPolicy";
  /** Checklist needed? */
  public static final String GATEWAY_CHECKLIST_NEEDED = "Gateway_ChecklistNeeded";
  /** Complete pre-escalation checklist */
  public static final String TASK_COMPLETE_PRE_ESCALATION_CHECKLIST = "Task_CompletePreEscalationChecklist";
  /** Ready for handling */
  public static final String GATEWAY_READY_FOR_HANDLING = "Gateway_ReadyForHandling";
  /** Handle escalation at current level */
  public static final String SUB_PROCESS_HANDLE_AT_LEVEL = "SubProcess_HandleAtLevel";
  /** Level entered */
  public static final String START_EVENT_LEVEL_ENTERED = "StartEvent_LevelEntered";
  /** Start SLA clocks */
  public static final String TASK_START_SLA_CLOCKS = "Task_StartSlaClocks";
  /** Customer to be told of the escalation? */
  public static final String GATEWAY_TELL_CUSTOMER_OF_ESCALATION = "Gateway_TellCustomerOfEscalation";
  /** Tell the customer it was escalated */
  public static final String TASK_TELL_CUSTOMER_OF_ESCALATION = "Task_TellCustomerOfEscalation";
  /** Customer informed */
  public static final String GATEWAY_CUSTOMER_INFORMED = "Gateway_CustomerInformed";
  /** Engineering e-mail to the handlers? */
  public static final String GATEWAY_MAIL_HANDLERS = "Gateway_MailHandlers";
  /** Notify handler group */
  public static final String TASK_NOTIFY_HANDLER_GROUP = "Task_NotifyHandlerGroup";
  /** Set up customer communication */
  public static final String TASK_SET_UP_CUSTOMER_COMMUNICATION = "Task_SetUpCustomerCommunication";
  /** Handlers informed */
  public static final String GATEWAY_HANDLERS_INFORMED = "Gateway_HandlersInformed";
  /** Acknowledge escalation */
  public static final String TASK_ACKNOWLEDGE_ESCALATION = "Task_AcknowledgeEscalation";
  /** Resolution clock running */
  public static final String GATEWAY_RESOLUTION_CLOCK_RUNNING = "Gateway_ResolutionClockRunning";
  /** Resolve escalation */
  public static final String TASK_RESOLVE_ESCALATION = "Task_ResolveEscalation";
  /** Waiting for customer? */
  public static final String GATEWAY_WAITING_FOR_CUSTOMER = "Gateway_WaitingForCustomer";
  /** Level work done */
  public static final String END_EVENT_LEVEL_WORK_DONE = "EndEvent_LevelWorkDone";
  /** Response time running out */
  public static final String TIMER_RESPONSE_SLA_WARNING = "Timer_ResponseSlaWarning";
  /** Warn of response breach */
  public static final String TASK_WARN_OF_RESPONSE_BREACH = "Task_WarnOfResponseBreach";
  /** Handlers warned */
  public static final String END_EVENT_RESPONSE_WARNED = "EndEvent_ResponseWarned";
  /** Resolution target running out */
  public static final String TIMER_RESOLUTION_SLA_WARNING = "Timer_ResolutionSlaWarning";
  /** Warn of resolution breach */
  public static final String TASK_WARN_OF_RESOLUTION_BREACH = "Task_WarnOfResolutionBreach";
  /** Handlers warned */
  public static final String END_EVENT_RESOLUTION_WARNED = "EndEvent_ResolutionWarned";
  /** Pause resolution clock */
  public static final String TASK_PAUSE_RESOLUTION_CLOCK = "Task_PauseResolutionClock";
  /** Wait for customer reply */
  public static final String TASK_WAIT_FOR_CUSTOMER_REPLY = "Task_WaitForCustomerReply";
  /** Customer replied */
  public static final String EVENT_CUSTOMER_REPLIED = "Event_CustomerReplied";
  /** Reply received */
  public static final String GATEWAY_CUSTOMER_REPLIED = "Gateway_CustomerReplied";
  /** Resume resolution clock */
  public static final String TASK_RESUME_RESOLUTION_CLOCK = "Task_ResumeResolutionClock";
  /** Response time exceeded */
  public static final String TIMER_RESPONSE_SLA_BREACHED = "Timer_ResponseSlaBreached";
  /** Resolution target exceeded */
  public static final String TIMER_RESOLUTION_SLA_BREACHED = "Timer_ResolutionSlaBreached";
  /** Record response breach */
  public static final String TASK_RECORD_RESPONSE_BREACH = "Task_RecordResponseBreach";
  /** Record resolution breach */
  public static final String TASK_RECORD_RESOLUTION_BREACH = "Task_RecordResolutionBreach";
  /** Breach recorded */
  public static final String GATEWAY_BREACH_RECORDED = "Gateway_BreachRecorded";
  /** SLA breached */
  public static final String END_EVENT_SLA_BREACHED = "EndEvent_SlaBreached";
  /** Keep the customer updated */
  public static final String SUB_PROCESS_CUSTOMER_UPDATES = "SubProcess_CustomerUpdates";
  /** Customer update due */
  public static final String TIMER_CUSTOMER_UPDATE_DUE = "Timer_CustomerUpdateDue";
  /** Update already open? */
  public static final String GATEWAY_UPDATE_ALREADY_OPEN = "Gateway_UpdateAlreadyOpen";
  /** Update already pending */
  public static final String END_EVENT_UPDATE_ALREADY_OPEN = "EndEvent_UpdateAlreadyOpen";
  /** Send customer update */
  public static final String TASK_SEND_CUSTOMER_UPDATE = "Task_SendCustomerUpdate";
  /** Update overdue */
  public static final String TIMER_CUSTOMER_UPDATE_OVERDUE = "Timer_CustomerUpdateOverdue";
  /** Flag overdue update */
  public static final String TASK_FLAG_OVERDUE_CUSTOMER_UPDATE = "Task_FlagOverdueCustomerUpdate";
  /** Point of contact reminded */
  public static final String END_EVENT_OVERDUE_FLAGGED = "EndEvent_OverdueFlagged";
  /** Mail the customer update */
  public static final String TASK_MAIL_CUSTOMER_UPDATE = "Task_MailCustomerUpdate";
  /** Schedule next customer update */
  public static final String TASK_SCHEDULE_NEXT_CUSTOMER_UPDATE = "Task_ScheduleNextCustomerUpdate";
  /** Customer updated */
  public static final String END_EVENT_CUSTOMER_UPDATED = "EndEvent_CustomerUpdated";
  /** Level outcome? */
  public static final String GATEWAY_LEVEL_OUTCOME = "Gateway_LevelOutcome";
  /** Complete after-resolution checklist */
  public static final String TASK_COMPLETE_AFTER_RESOLUTION_CHECKLIST = "Task_CompleteAfterResolutionChecklist";
  /** CSAT score known? */
  public static final String GATEWAY_CSAT_KNOWN = "Gateway_CsatKnown";
  /** Wait for the CSAT score */
  public static final String GATEWAY_WAIT_FOR_CSAT = "Gateway_WaitForCsat";
  /** CSAT received */
  public static final String EVENT_LATE_CSAT_RECEIVED = "Event_LateCsatReceived";
  /** No CSAT score in time */
  public static final String TIMER_CSAT_WAIT_OVER = "Timer_CsatWaitOver";
  /** Record the late CSAT score */
  public static final String TASK_RECORD_LATE_CSAT = "Task_RecordLateCsat";
  /** CSAT settled */
  public static final String GATEWAY_CSAT_SETTLED = "Gateway_CsatSettled";
  /** Close escalation */
  public static final String TASK_CLOSE_ESCALATION = "Task_CloseEscalation";
  /** Escalation closed */
  public static final String END_EVENT_ESCALATION_CLOSED = "EndEvent_EscalationClosed";
  /** Escalate to the next level */
  public static final String TASK_ESCALATE_LEVEL = "Task_EscalateLevel";
  /** Hand back to the level below */
  public static final String TASK_HAND_BACK_LEVEL = "Task_HandBackLevel";
  /** Breach action? */
  public static final String GATEWAY_BREACH_ACTION = "Gateway_BreachAction";
  /** Top level reached? */
  public static final String GATEWAY_TOP_LEVEL_REACHED = "Gateway_TopLevelReached";
  /** Escalate after the breach */
  public static final String TASK_ESCALATE_AFTER_BREACH = "Task_EscalateAfterBreach";
  /** Level kept */
  public static final String GATEWAY_KEEP_LEVEL = "Gateway_KeepLevel";
  /** Keep the level with fresh clocks */
  public static final String TASK_RESTART_LEVEL_CLOCKS = "Task_RestartLevelClocks";
  /** Inform lead of the breach */
  public static final String TASK_INFORM_LEAD_OF_ESCALATED_BREACH = "Task_InformLeadOfEscalatedBreach";
  /** Inform lead of the breach */
  public static final String TASK_INFORM_LEAD_OF_KEPT_BREACH = "Task_InformLeadOfKeptBreach";
  /** Level changed or reopened */
  public static final String GATEWAY_LEVEL_CHANGED = "Gateway_LevelChanged";
  /** Inform of level change */
  public static final String TASK_INFORM_OF_LEVEL_CHANGE = "Task_InformOfLevelChange";
  /** CSAT received */
  public static final String EVENT_CSAT_RECEIVED = "Event_CsatReceived";
  /** Record CSAT */
  public static final String TASK_RECORD_CSAT = "Task_RecordCsat";
  /** CSAT recorded */
  public static final String END_EVENT_CSAT_RECORDED = "EndEvent_CsatRecorded";
  /** Fix verified by customer */
  public static final String EVENT_FIX_VERIFIED = "Event_FixVerified";
  /** Record fix verified */
  public static final String TASK_RECORD_FIX_VERIFIED = "Task_RecordFixVerified";
  /** Fix verification recorded */
  public static final String END_EVENT_FIX_VERIFIED_RECORDED = "EndEvent_FixVerifiedRecorded";
  /** Escalation reopened */
  public static final String EVENT_ESCALATION_REOPENED = "Event_EscalationReopened";
  /** Reopen escalation */
  public static final String TASK_REOPEN_ESCALATION = "Task_ReopenEscalation";

  // Messages, by the name they are correlated with
  public static final String MESSAGE_CUSTOMER_REPLIED = "CustomerReplied";
  public static final String MESSAGE_FIX_VERIFIED = "FixVerified";
  public static final String MESSAGE_CSAT_RECEIVED = "CsatReceived";
  public static final String MESSAGE_ESCALATION_REOPENED = "EscalationReopened";

  // Decisions in bpmn/*.dmn, by key
  /** bpmn/escalation-level.dmn: the level an escalation starts at */
  public static final String DECISION_ESCALATION_LEVEL = "escalation-level";
  /** bpmn/escalation-level.dmn: the level of the issue type alone, which escalation-level requires */
  public static final String DECISION_ISSUE_TYPE_LEVEL = "escalation-issue-type-level";
  /** bpmn/level-policy.dmn: what a level is */
  public static final String DECISION_LEVEL_POLICY = "level-policy";
  /** bpmn/sla-policy.dmn: a level's SLA targets */
  public static final String DECISION_SLA_POLICY = "sla-policy";
  /** bpmn/task-priority.dmn: the Tasklist priority of an escalation's tasks, by level and tier */
  public static final String DECISION_TASK_PRIORITY = "task-priority";
}

