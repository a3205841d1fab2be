package com.octoacme.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * A copy of {@code bpmn/} and {@code forms/} that a test edits as a process admin would (the files as text,
 * as Modeler saves them) and deploys; {@link #undeploy} removes it again, so later tests see the
 * project's own models.
 */
public final class ModelCopy {

  private final Path root;
  private final RepositoryService repository;
  private String deploymentId;

  public ModelCopy(Path root, RepositoryService repository) {
    this.root = root;
    this.repository = repository;
    try {
      for (String folder : List.of("bpmn", "forms")) {
        Files.createDirectories(root.resolve(folder));
        try (Stream<Path> files = Files.list(Path.of(folder))) {
          for (Path file : files.toList()) {
            Files.copy(file, root.resolve(folder).resolve(file.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces text in a copied file; the text must be there. */
  public ModelCopy edit(String file, String from, String to) {
    try {
      Path path = root.resolve(file);
      String text = Files.readString(path);
      assertThat(text).as("%s contains %s", file, from).contains(from);
      Files.writeString(path, text.replace(from, to));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void deploy() {
    DeploymentBuilder deployment = repository.createDeployment().name("a process admin's edit");
    try {
      for (String folder : List.of("bpmn", "forms")) {
        try (Stream<Path> files = Files.list(root.resolve(folder))) {
          for (Path file : files.toList()) {
            deployment.addInputStream(file.getFileName().toString(), new ByteArrayInputStream(Files.readAllBytes(file)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deploymentId = deployment.deploy().getId();
  }

  public void undeploy() {
    if (deploymentId != null) {
      repository.deleteDeployment(deploymentId, true);
      deploymentId = null;
    }
  }
}
