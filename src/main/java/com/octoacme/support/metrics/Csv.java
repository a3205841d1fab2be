package com.octoacme.support.metrics;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** A figure's rows as CSV for spreadsheets: a header of the row's fields, then one line per row (RFC 4180). */
final class Csv {

  private Csv() {}

  static <R extends Record> String of(Class<R> type, List<R> rows) {
    RecordComponent[] columns = type.getRecordComponents();
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      csv.append(i == 0 ? "" : ",").append(columns[i].getName());
    }
    csv.append("\r\n");
    for (R row : rows) {
      for (int i = 0; i < columns.length; i++) {
        csv.append(i == 0 ? "" : ",").append(cell(value(columns[i], row)));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }

  private static Object value(RecordComponent column, Record row) {
    try {
      return column.getAccessor().invoke(row);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    // A cell a spreadsheet would run as a formula is kept as text.
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
