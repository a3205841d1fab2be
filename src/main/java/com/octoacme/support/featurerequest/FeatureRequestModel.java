package com.octoacme.support.featurerequest;

/** The element ids, messages and decision of bpmn/feature-request.bpmn that Java names. */
public final class FeatureRequestModel {

  private FeatureRequestModel() {}

  public static final String DECISION_REVIEW_CRITERIA = "feature-review-criteria";
  // The decision's inputs and outputs (column names in the DMN table)
  public static final String IN_DISTINCT_CUSTOMERS = "distinctCustomers";
  public static final String IN_ENTERPRISE_CUSTOMERS = "enterpriseCustomers";
  public static final String IN_HIGHEST_CONTRACT_VALUE = "highestContractValue";
  public static final String IN_ROADMAP_ALIGNED = "roadmapAligned";
  public static final String IN_COMPETITIVE_PARITY = "competitiveParity";
  public static final String IN_PROMISED_IN_CONTRACT = "promisedInContract";
  public static final String OUT_CRITERION = "criterion";
  public static final String OUT_REASON = "reason";

  /** Correlated to the feature's instance when a request joins it (or its evidence changes). */
  public static final String MESSAGE_FEATURE_REQUEST_UPDATED = "FeatureRequestUpdated";

  public static final String START_EVENT = "StartEvent_FeatureRequested";
  public static final String TASK_COMPLETE_FEATURE_REQUEST = "Task_CompleteFeatureRequest";
  public static final String TASK_REGISTER = "Task_RegisterFeatureRequest";
  public static final String END_JOINED = "EndEvent_RequestJoined";
  public static final String EVENT_REVIEW_CRITERION_MET = "Event_ReviewCriterionMet";
  public static final String TASK_PRODUCT_REVIEW = "Task_ProductReview";
  public static final String TIMER_REVIEW_WARNING = "Timer_ReviewWarning";
  public static final String TIMER_REVIEW_OVERDUE = "Timer_ReviewOverdue";
  public static final String TASK_WARN_PRODUCT_MANAGERS = "Task_WarnProductManagers";
  public static final String TASK_ESCALATE_OVERDUE_REVIEW = "Task_EscalateOverdueReview";
  public static final String TASK_DECIDE_OVERDUE_REVIEW = "Task_DecideOverdueReview";
  public static final String TASK_PROVIDE_MORE_INFORMATION = "Task_ProvideMoreInformation";
  public static final String TASK_ANNOUNCE_DECISION = "Task_AnnounceFeatureDecision";
  public static final String END_DECIDED = "EndEvent_FeatureDecided";
}
