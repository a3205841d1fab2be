package com.octoacme.support.intake;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached (down, restarting, no connection within
 * {@code spring.datasource.hikari.connection-timeout}): such requests are answered 503, "retry later",
 * not 500, and logged as one line, not a stack trace per request.
 */
public final class DatabaseUnavailable {

  /** SQLSTATE class 08: connection exception; 57P01-57P03: PostgreSQL shutting down or starting. */
  private static final String CONNECTION_EXCEPTION = "08";

  /** The answer while the database cannot be reached. */
  public static final String MESSAGE = "the database is unavailable; nothing was changed, retry later";

  private DatabaseUnavailable() {}

  public static boolean causes(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
          || cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION) || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
      // A connection that broke under the request: the rollback fails and masks the first error
      // (Hikari: "Connection is closed", no SQLSTATE).
      if (cause instanceof SQLException sql && sql.getMessage() != null
          && sql.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection is closed")) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
