package com.octoacme.support.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The Mustache templates of the notifications, from {@code notification.templates} (by default
 * {@code mail-templates/} on the classpath, i.e. the project's {@code mail-templates/} folder), so the
 * wording changes without touching Java. Per kind: {@code <template>.subject.mustache},
 * {@code <template>.html.mustache} and {@code <template>.text.mustache}; partials ({@code {{> name}}})
 * are read from {@code <name>.mustache} in the same place.
 *
 * <p>In the HTML body every value is HTML-escaped; the subject is one line whatever the values
 * contain (no header injection). All templates are compiled and tried at start: a missing file or a
 * variable the kind does not offer fails the start, naming the file.
 */
@Component
public class MailTemplates {

  /** A rendered notification. */
  public record RenderedMail(String subject, String html, String text) {}

  private enum Part { SUBJECT, HTML, TEXT }

  private final ResourceLoader resources;
  private final String location;
  private final Map<NotificationKind, Map<Part, Template>> templates = new EnumMap<>(NotificationKind.class);

  public MailTemplates(NotificationProperties properties, ResourceLoader resources) {
    this.resources = resources;
    this.location = properties.templates();
    Mustache.Compiler html = compiler().escapeHTML(true);
    Mustache.Compiler plain = compiler().escapeHTML(false);
    for (NotificationKind kind : NotificationKind.values()) {
      Map<Part, Template> parts = new EnumMap<>(Part.class);
      parts.put(Part.SUBJECT, compile(plain, kind.template() + ".subject.mustache"));
      parts.put(Part.HTML, compile(html, kind.template() + ".html.mustache"));
      parts.put(Part.TEXT, compile(plain, kind.template() + ".text.mustache"));
      templates.put(kind, parts);
      tryOut(kind, parts);
    }
  }

  /** Renders the kind's templates; values the model lacks render empty (and their sections are skipped). */
  public RenderedMail render(NotificationKind kind, Map<String, ?> model) {
    Set<String> offered = kind.variables();
    Map<String, Object> values = new HashMap<>();
    offered.forEach(name -> values.put(name, null));
    model.forEach((name, value) -> {
      if (offered.contains(name)) {
        values.put(name, value);
      }
    });
    Map<Part, Template> parts = templates.get(kind);
    return new RenderedMail(oneLine(parts.get(Part.SUBJECT).execute(values)), parts.get(Part.HTML).execute(values),
        parts.get(Part.TEXT).execute(values).strip() + "\n");
  }

  /** Subjects longer than this are cut (with an ellipsis): an issue summary can be a paragraph. */
  static final int MAX_SUBJECT_LENGTH = 250;

  /** A header value on one line: control characters (CR, LF, tab, ...) become spaces. */
  static String oneLine(String value) {
    String line = value.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
    return line.length() <= MAX_SUBJECT_LENGTH ? line : line.substring(0, MAX_SUBJECT_LENGTH - 1).strip() + "\u2026";
  }

  private Mustache.Compiler compiler() {
    return Mustache.compiler().nullValue("").emptyStringIsFalse(true)
        .withLoader(name -> reader(name + ".mustache"));
  }

  private Template compile(Mustache.Compiler compiler, String file) {
    try (Reader reader = reader(file)) {
      return compiler.compile(reader);
    } catch (IOException | MustacheException e) {
      throw new IllegalStateException("mail template " + location + file + ": " + e.getMessage(), e);
    }
  }

  private Reader reader(String file) throws IOException {
    Resource resource = resources.getResource(location + file);
    if (!resource.exists()) {
      throw new IOException("missing (" + resource.getDescription() + ")");
    }
    return new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8);
  }

  /** Renders every part with all values set and with none, so that an unknown name fails now, not at 3 a.m. */
  private void tryOut(NotificationKind kind, Map<Part, Template> parts) {
    Map<String, Object> full = new HashMap<>();
    Map<String, Object> empty = new HashMap<>();
    kind.variables().forEach(name -> {
      full.put(name, "sample " + name);
      empty.put(name, null);
    });
    parts.forEach((part, template) -> {
      try {
        template.execute(full);
        template.execute(empty);
      } catch (MustacheException e) {
        throw new IllegalStateException("mail template " + location + kind.template() + "."
            + part.name().toLowerCase() + ".mustache uses a name " + kind + " does not offer (offered: "
            + new java.util.TreeSet<>(kind.variables()) + "): " + e.getMessage(), e);
      }
    });
  }
}
