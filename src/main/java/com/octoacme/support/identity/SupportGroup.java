package com.octoacme.support.identity;

/** The groups of the escalation process; their ids are the candidate groups in the model and configuration. */
public enum SupportGroup {
  SUPPORT("support", "Support / Customer Success"),
  ENGINEERING("engineering", "Engineering"),
  ENGINEERING_LEADS("engineering-leads", "Engineering Leads"),
  PRODUCT_MANAGERS("product-managers", "Product Managers"),
  EXECUTIVES("executives", "Executives (VP Engineering, VP Product, CEO)"),
  PRODUCT_TEAM("product-team", "Product Team");

  private final String id;
  private final String displayName;

  SupportGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }
}
